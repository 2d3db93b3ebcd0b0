// Starts oauth2-mock-server (npm) on 127.0.0.1:<port> with an RS256 key, for bench/run.sh's side-by-side
// token issuance comparison. Prints "ready" when it accepts connections.
import { OAuth2Server } from 'oauth2-mock-server';

const port = Number(process.argv[2] ?? 18080);
const server = new OAuth2Server();
await server.issuer.keys.generate('RS256');
await server.start(port, '127.0.0.1');
console.log('ready', server.issuer.url);
process.on('SIGTERM', async () => { await server.stop(); process.exit(0); });
