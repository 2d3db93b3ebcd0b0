// Row <-> struct mapping for the directory tables, the one place each column list lives. Shared by
// DirectoryStore (token service, seed) and the Graph stores, which compose these inside their own
// transactions. Plain SQL helpers: no Azure errors, no transactions of their own.
#pragma once

#include "fake-aad/directory/directory_model.hpp"

#include "emulator/store/database.hpp"

#include <string>

namespace azemu::aad::rows {

extern const char* const kTenantCols;
extern const char* const kUserCols;
extern const char* const kAppCols;
extern const char* const kSpCols;
extern const char* const kCredCols;

Tenant tenant_from_row(const store::Statement& s);
User user_from_row(const store::Statement& s);
Application app_from_row(const store::Statement& s);
ServicePrincipal sp_from_row(const store::Statement& s);
PasswordCredential cred_from_row(const store::Statement& s);

/// "SELECT <cols> FROM <table> <rest>".
std::string select(const char* cols, const char* table, const char* rest);

/// INSERT OR IGNORE; each returns the number of rows inserted (0: a unique key already exists).
int insert_user(store::Connection& c, const User& u);
int insert_application(store::Connection& c, const Application& a);
int insert_service_principal(store::Connection& c, const ServicePrincipal& sp);
int insert_password_credential(store::Connection& c, const PasswordCredential& cr);

/// Rewrites every mutable column of the row with the struct's object_id; returns rows changed.
int update_user(store::Connection& c, const User& u);
int update_application(store::Connection& c, const Application& a);

}  // namespace azemu::aad::rows
