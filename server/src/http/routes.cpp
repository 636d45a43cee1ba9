#include "http/routes.h"

#include "http/handlers/auth_handler.h"
#include "http/handlers/dashboards_handler.h"
#include "http/handlers/documents_handler.h"
#include "http/handlers/files_handler.h"
#include "http/handlers/flow_handler.h"
#include "http/handlers/interchange_handler.h"
#include "http/handlers/records_handler.h"
#include "http/handlers/registers_handler.h"
#include "http/handlers/system_handler.h"
#include "http/handlers/users_handler.h"

namespace chancery::http {

using service::Role;

struct Handlers {
  Handlers(service::Services& s, Metrics& m)
      : auth(s), users(s), files(s), system(s, m), documents(s), flow(s), registers(s), records(s),
        dashboards(s), interchange(s) {}
  AuthHandler auth;
  UsersHandler users;
  FilesHandler files;
  SystemHandler system;
  DocumentsHandler documents;
  FlowHandler flow;
  RegistersHandler registers;
  RecordsHandler records;
  DashboardsHandler dashboards;
  InterchangeHandler interchange;
};

namespace {
void addDocumentRoutes(Router& r, Handlers& h);
}  // namespace

namespace {
template <class H> std::function<void(Context&)> bind(H& h, void (H::*fn)(Context&)) {
  return [&h, fn](Context& ctx) { (h.*fn)(ctx); };
}
}  // namespace

Api::Api(service::Services& s, Metrics& m) : handlers_(std::make_unique<Handlers>(s, m)) {
  auto& h = *handlers_;
  Router& r = router_;
  const std::vector<Role> any;
  const std::vector<Role> admin{Role::Admin};
  const std::vector<Role> staff{Role::Admin, Role::Clerk,  Role::Specialist, Role::Leader,
                                Role::Chair, Role::Secretary};

  r.add("GET", "/healthz", Access::Public, any, bind(h.system, &SystemHandler::health), "liveness and database check");
  r.add("GET", "/metrics", Access::Public, any, bind(h.system, &SystemHandler::metrics), "Prometheus metrics");
  r.add("GET", "/api/v1/openapi.yaml", Access::Public, any, bind(h.system, &SystemHandler::openapi), "this API's description");

  r.add("POST", "/api/v1/auth/login", Access::Public, any, bind(h.auth, &AuthHandler::login), "log in, set the session cookie");
  r.add("POST", "/api/v1/auth/logout", Access::User, any, bind(h.auth, &AuthHandler::logout), "end the session");
  r.add("GET", "/api/v1/me", Access::User, any, bind(h.auth, &AuthHandler::me), "the caller");
  r.add("PUT", "/api/v1/me/password", Access::User, any, bind(h.auth, &AuthHandler::changePassword), "change own password");
  r.add("GET", "/api/v1/tokens", Access::User, any, bind(h.auth, &AuthHandler::listTokens), "own API tokens");
  r.add("POST", "/api/v1/tokens", Access::User, any, bind(h.auth, &AuthHandler::createToken), "create an API token");
  r.add("DELETE", "/api/v1/tokens/{id}", Access::User, any, bind(h.auth, &AuthHandler::revokeToken), "revoke an API token");

  r.add("GET", "/api/v1/users", Access::User, any, bind(h.users, &UsersHandler::list), "list users");
  r.add("POST", "/api/v1/users", Access::User, admin, bind(h.users, &UsersHandler::create), "create a user");
  r.add("GET", "/api/v1/users/{id}", Access::User, any, bind(h.users, &UsersHandler::get), "one user");
  r.add("PATCH", "/api/v1/users/{id}", Access::User, admin, bind(h.users, &UsersHandler::update), "change a user");
  r.add("PUT", "/api/v1/users/{id}/password", Access::User, admin, bind(h.users, &UsersHandler::resetPassword), "reset a password");
  r.add("GET", "/api/v1/units", Access::User, any, bind(h.users, &UsersHandler::listUnits), "list units");
  r.add("POST", "/api/v1/units", Access::User, admin, bind(h.users, &UsersHandler::createUnit), "create a unit");

  r.add("POST", "/api/v1/files", Access::User, staff, bind(h.files, &FilesHandler::upload), "upload a file");
  r.add("GET", "/api/v1/files/{id}", Access::User, any, bind(h.files, &FilesHandler::get), "a file's record");
  r.add("GET", "/api/v1/files/{id}/content", Access::User, any, bind(h.files, &FilesHandler::content), "a file's bytes");

  r.add("GET", "/api/v1/audit", Access::User, admin, bind(h.system, &SystemHandler::auditList), "audit entries");
  r.add("GET", "/api/v1/audit/verify", Access::User, admin, bind(h.system, &SystemHandler::auditVerify), "verify the audit chain");

  addDocumentRoutes(r, h);
}

namespace {

// Document flows (issue #6). Routes admit any logged-in user where the service decides by the
// caller's relation to the document (handlers, named readers, recipients); roles are listed
// where only they can ever act.
void addDocumentRoutes(Router& r, Handlers& h) {
  const std::vector<Role> any;
  const std::vector<Role> clerk{Role::Clerk};
  const std::vector<Role> drafters{Role::Clerk, Role::Specialist, Role::Leader};
  const std::vector<Role> office{Role::Admin, Role::Clerk, Role::Specialist, Role::Leader};
  const std::vector<Role> staff{Role::Admin, Role::Clerk,  Role::Specialist, Role::Leader,
                                Role::Chair, Role::Secretary};
  auto& d = h.documents;
  auto& f = h.flow;
  const std::string doc = "/api/v1/documents/{id}";

  r.add("GET", "/api/v1/document-types", Access::User, any, bind(d, &DocumentsHandler::types), "document types, urgency, secrecy, states");
  r.add("GET", "/api/v1/documents", Access::User, any, bind(d, &DocumentsHandler::list), "documents the caller may see, filtered");
  r.add("POST", "/api/v1/documents", Access::User, drafters, bind(d, &DocumentsHandler::createDraft), "draft an outgoing document");
  r.add("POST", "/api/v1/documents/incoming", Access::User, clerk, bind(d, &DocumentsHandler::registerIncoming), "register an incoming document");
  r.add("GET", doc, Access::User, any, bind(d, &DocumentsHandler::get), "a document with versions, handling and actions");
  r.add("PATCH", doc, Access::User, any, bind(d, &DocumentsHandler::update), "change a document's metadata");
  r.add("GET", doc + "/history", Access::User, any, bind(d, &DocumentsHandler::history), "a document's audit history");
  r.add("GET", doc + "/file", Access::User, any, bind(d, &DocumentsHandler::file), "the current file");
  r.add("POST", doc + "/versions", Access::User, any, bind(d, &DocumentsHandler::addVersion), "add a file version");
  r.add("GET", doc + "/versions/{versionNo}/file", Access::User, any, bind(d, &DocumentsHandler::versionFile), "one version's file");
  r.add("POST", doc + "/attachments", Access::User, any, bind(d, &DocumentsHandler::addAttachment), "add an attachment");
  r.add("GET", doc + "/attachments/{attachmentId}/file", Access::User, any, bind(d, &DocumentsHandler::attachmentFile), "an attachment's file");
  r.add("POST", doc + "/readers", Access::User, any, bind(d, &DocumentsHandler::grant), "name a reader");
  r.add("DELETE", doc + "/readers/{userId}", Access::User, any, bind(d, &DocumentsHandler::ungrant), "remove a named reader");
  r.add("GET", "/api/v1/inbox", Access::User, any, bind(d, &DocumentsHandler::inbox), "issued documents delivered to the caller");

  r.add("POST", doc + "/present", Access::User, clerk, bind(f, &FlowHandler::present), "present to a leader");
  r.add("POST", doc + "/assign", Access::User, any, bind(f, &FlowHandler::assign), "directive, handlers and deadline");
  r.add("POST", doc + "/progress", Access::User, any, bind(f, &FlowHandler::progress), "report progress");
  r.add("POST", doc + "/complete", Access::User, any, bind(f, &FlowHandler::complete), "finish handling");
  r.add("POST", doc + "/comments", Access::User, any, bind(f, &FlowHandler::comment), "add a review comment");
  r.add("POST", doc + "/revoke", Access::User, any, bind(f, &FlowHandler::revoke), "revoke (thu hồi)");
  r.add("POST", doc + "/submit", Access::User, any, bind(f, &FlowHandler::submit), "submit a draft for approval");
  r.add("POST", doc + "/return", Access::User, any, bind(f, &FlowHandler::sendBack), "return a draft with comments");
  r.add("POST", doc + "/approve", Access::User, any, bind(f, &FlowHandler::approve), "approve a draft");
  r.add("GET", doc + "/signing", Access::User, any, bind(f, &FlowHandler::signingPreview), "signing preview data");
  r.add("POST", doc + "/sign", Access::User, any, bind(f, &FlowHandler::sign), "sign with a server-held key");
  r.add("POST", doc + "/sign/token", Access::User, any, bind(f, &FlowHandler::startTokenSigning), "start signing with a USB token");
  r.add("POST", doc + "/sign/token/{sessionId}", Access::User, any, bind(f, &FlowHandler::finishTokenSigning), "finish signing with a USB token");
  r.add("POST", doc + "/issue", Access::User, clerk, bind(f, &FlowHandler::issue), "number, date, seal and send");
  r.add("GET", doc + "/signatures", Access::User, any, bind(f, &FlowHandler::signatures), "verify the signatures");

  r.add("POST", doc + "/edxml", Access::User, clerk, bind(h.interchange, &InterchangeHandler::exportDocument), "export as an edXML envelope");
  r.add("POST", doc + "/edxml/status", Access::User, clerk, bind(h.interchange, &InterchangeHandler::exportStatus), "an edXML status message");
  r.add("POST", "/api/v1/interchange/documents", Access::User, clerk, bind(h.interchange, &InterchangeHandler::importDocument), "import an edXML envelope");
  r.add("POST", "/api/v1/interchange/status", Access::User, clerk, bind(h.interchange, &InterchangeHandler::importStatus), "import an edXML status message");
  r.add("GET", "/api/v1/interchange/status-codes", Access::User, any, bind(h.interchange, &InterchangeHandler::statusCodes), "edXML status codes");

  r.add("GET", "/api/v1/registers", Access::User, office, bind(h.registers, &RegistersHandler::list), "the caller's registers");
  r.add("GET", "/api/v1/registers/{id}/entries", Access::User, office, bind(h.registers, &RegistersHandler::entries), "register entries for a period");
  r.add("GET", "/api/v1/registers/{id}/export", Access::User, office, bind(h.registers, &RegistersHandler::exportPeriod), "a register as PDF or CSV");

  r.add("GET", "/api/v1/records", Access::User, drafters, bind(h.records, &RecordsHandler::list), "records (hồ sơ)");
  r.add("POST", "/api/v1/records", Access::User, drafters, bind(h.records, &RecordsHandler::create), "open a record");
  r.add("GET", "/api/v1/records/{id}", Access::User, drafters, bind(h.records, &RecordsHandler::get), "a record with its documents");
  r.add("PATCH", "/api/v1/records/{id}", Access::User, drafters, bind(h.records, &RecordsHandler::update), "change or close a record");
  r.add("POST", "/api/v1/records/{id}/documents", Access::User, drafters, bind(h.records, &RecordsHandler::addDocument), "add a document to a record");
  r.add("DELETE", "/api/v1/records/{id}/documents/{documentId}", Access::User, drafters, bind(h.records, &RecordsHandler::removeDocument), "remove a document from a record");
  r.add("GET", "/api/v1/records/{id}/export", Access::User, drafters, bind(h.records, &RecordsHandler::exportRecord), "a record as a PDF bundle or XML");

  r.add("GET", "/api/v1/tasks", Access::User, any, bind(h.dashboards, &DashboardsHandler::tasks), "the caller's tasks");
  r.add("GET", "/api/v1/dashboards/overdue", Access::User, staff, bind(h.dashboards, &DashboardsHandler::overdue), "overdue incoming documents");
  r.add("GET", "/api/v1/dashboards/on-time", Access::User, staff, bind(h.dashboards, &DashboardsHandler::onTime), "on-time figures per unit and month");
  r.add("GET", "/api/v1/public/on-time", Access::Public, any, bind(h.dashboards, &DashboardsHandler::publicOnTime), "public on-time figures (no login)");
}

}  // namespace

Api::~Api() = default;

Authenticator Api::authenticator() {
  return [this](Context& ctx) { return handlers_->auth.authenticate(ctx); };
}

}  // namespace chancery::http
