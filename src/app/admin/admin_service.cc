// File: admin_service.cc
// User accounts and the audit log for administrators (admin_service.h).
#include "app/admin/admin_service.h"

#include <algorithm>

#include "app/assessment/fhir_questionnaire.h"
#include "app/assessment/questionnaire_catalog.h"
#include "app/front_door/invitations.h"
#include "app/messages/notices.h"
#include "app/passwords.h"
#include "base/csv.h"
#include "base/limits.h"
#include "base/text.h"

namespace selfdirect::app {
namespace {

using domain::Role;

bool NeedsTeam(Role r) { return r == Role::kPractitioner || r == Role::kApprover; }

bool Assignable(Role r) {
  return std::find(std::begin(kAssignableRoles), std::end(kAssignableRoles), r) !=
         std::end(kAssignableRoles);
}

UserRecord Blanked(UserRecord u) {
  u.password_hash.clear();  // Nobody sees a password or its hash.
  return u;
}

Result<std::optional<Timestamp>> DayStart(const std::string& text, const char* field,
                                          int add_days) {
  if (Trim(text).empty()) return std::optional<Timestamp>();
  auto d = Date::Parse(Trim(text));
  if (!d.ok()) return Error::InvalidArgument("Check the search", {{field, "Enter a real date"}});
  return std::optional<Timestamp>(
      Timestamp::FromSeconds(d->AddDays(add_days).DaysSinceEpoch() * int64_t{86'400}));
}

QuestionnaireSummary SummaryOf(const domain::Questionnaire& q, bool shipped) {
  QuestionnaireSummary out{q.id, q.version, q.title, q.effective_from, q.sections.size(),
                           0,    shipped};
  for (const auto& s : q.sections) out.questions += s.questions.size();
  return out;
}

}  // namespace

Status AdminService::CheckAdmin(const CallContext& ctx, const Principal& who,
                                const std::string& action, const std::string& id) {
  if (who.user.role == Role::kAdministrator) return OkStatus();
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, action + "_refused", "user", id, ""));
  return Error::PermissionDenied("Only administrators manage accounts and read the audit log");
}

Result<UserPage> AdminService::Users(const CallContext& ctx, const Principal& who,
                                     const UserQuery& query) {
  SD_RETURN_IF_ERROR(CheckAdmin(ctx, who, "users.list", ""));
  if (query.limit < 1 || query.limit > limits::kMaxPageSize || query.offset < 0)
    return Error::InvalidArgument("Check the paging", {{"page", "Choose a page that exists"}});
  UserPage page;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(page, tx.admin().Users(query));
    return OkStatus();
  }));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "users.list", "user", "", query.text));
  return page;
}

Result<UserRecord> AdminService::User(const CallContext& ctx, const Principal& who, UserId id) {
  SD_RETURN_IF_ERROR(CheckAdmin(ctx, who, "user.view", id.ToString()));
  std::optional<UserRecord> u;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(u, tx.users().FindById(id));
    return u ? OkStatus() : Error::NotFound("No such account");
  }));
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "user.view", "user", id.ToString(), ""));
  return Blanked(*u);
}

Result<std::vector<Team>> AdminService::Teams(const CallContext& ctx, const Principal& who) {
  SD_RETURN_IF_ERROR(CheckAdmin(ctx, who, "teams.list", ""));
  std::vector<Team> teams;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(teams, tx.teams().List());
    return OkStatus();
  }));
  return teams;
}

// Checks the name, role and team of `in` into `out` (the email is the caller's).
Status AdminService::CheckInput(Transaction& tx, const UserInput& in, UserRecord& out) {
  std::vector<FieldError> errors;
  out.display_name = std::string(Trim(in.display_name));
  if (out.display_name.empty() || CodePointCount(out.display_name) > limits::kMaxNameChars)
    errors.push_back({"display_name", "Enter their name, 100 characters or fewer"});
  auto role = domain::ParseRole(in.role);
  if (!role || !Assignable(*role)) errors.push_back({"role", "Choose a role"});
  out.role = role.value_or(Role::kPractitioner);
  out.team_id = TeamId{};
  if (role && NeedsTeam(*role)) {
    auto team = TeamId::Parse(in.team);
    SD_ASSIGN_OR_RETURN(auto teams, tx.teams().List());
    const bool known = team && std::any_of(teams.begin(), teams.end(),
                                           [&](const Team& t) { return t.id == *team; });
    if (!known) errors.push_back({"team", "Choose their team"});
    if (known) out.team_id = *team;
  }
  if (!errors.empty()) return Error::InvalidArgument("Check the account", std::move(errors));
  return OkStatus();
}

Result<AccountLink> AdminService::NewLink(Transaction& tx, const Principal& who,
                                          const UserRecord& user, LinkFor why) {
  const Timestamp now = clock_.Now();
  SD_ASSIGN_OR_RETURN(auto issued, InviteByEmail(tx, user, who.user.id, now, why));
  return AccountLink{Blanked(user), std::move(issued.token), issued.expires_at};
}

Result<AccountLink> AdminService::Invite(const CallContext& ctx, const Principal& who,
                                         const UserInput& in) {
  SD_RETURN_IF_ERROR(CheckAdmin(ctx, who, "user.invite", ""));
  std::optional<AccountLink> link;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    UserRecord user;
    user.email = AsciiLower(Trim(in.email));
    Status checked = CheckInput(tx, in, user);
    std::vector<FieldError> errors =
        checked.ok() ? std::vector<FieldError>{} : checked.error().fields;
    const auto at = user.email.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= user.email.size() ||
        user.email.size() > limits::kMaxEmailChars)
      errors.insert(errors.begin(), {"email", "Enter an email address like name@example.org"});
    SD_ASSIGN_OR_RETURN(auto taken, tx.users().FindByEmail(user.email));
    if (taken) errors.insert(errors.begin(), {"email", "An account already uses this email"});
    if (!errors.empty()) return Error::InvalidArgument("Check the account", std::move(errors));
    user.password_hash = DummyPasswordHash();  // Matches no password until they set one.
    SD_ASSIGN_OR_RETURN(user.id, tx.users().Insert(user, clock_.Now()));
    SD_ASSIGN_OR_RETURN(link, NewLink(tx, who, user, LinkFor::kNewAccount));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "user.invite", "user", user.id.ToString(),
                                     std::string(domain::RoleName(user.role))));
  }));
  return *link;
}

Result<UserRecord> AdminService::Change(const CallContext& ctx, const Principal& who, UserId id,
                                        const UserInput& in) {
  SD_RETURN_IF_ERROR(CheckAdmin(ctx, who, "user.change", id.ToString()));
  UserRecord changed;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto user, tx.users().FindById(id));
    if (!user) return Error::NotFound("No such account");
    if (!Assignable(user->role))
      return Error::FailedPrecondition(
          "This account belongs to a person's record; change it there");
    changed = *user;
    SD_RETURN_IF_ERROR(CheckInput(tx, in, changed));
    if (user->role == Role::kAdministrator && changed.role != Role::kAdministrator &&
        !user->disabled) {
      SD_ASSIGN_OR_RETURN(int64_t admins, tx.admin().CountActive(Role::kAdministrator));
      if (admins <= 1)
        return Error::FailedPrecondition(
            "This is the last active administrator. Make someone else an administrator first.");
    }
    SD_RETURN_IF_ERROR(
        tx.admin().UpdateUser(id, changed.display_name, changed.role, changed.team_id));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "user.change", "user", id.ToString(),
                                     std::string(domain::RoleName(user->role)) + " -> " +
                                         std::string(domain::RoleName(changed.role))));
  }));
  return Blanked(changed);
}

Result<UserRecord> AdminService::Suspend(const CallContext& ctx, const Principal& who, UserId id,
                                         bool suspended) {
  SD_RETURN_IF_ERROR(CheckAdmin(ctx, who, "user.suspend", id.ToString()));
  if (suspended && id == who.user.id)
    return Error::FailedPrecondition("You cannot suspend your own account");
  UserRecord changed;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto user, tx.users().FindById(id));
    if (!user) return Error::NotFound("No such account");
    if (suspended && user->role == Role::kAdministrator && !user->disabled) {
      SD_ASSIGN_OR_RETURN(int64_t admins, tx.admin().CountActive(Role::kAdministrator));
      if (admins <= 1) return Error::FailedPrecondition("This is the last active administrator");
    }
    SD_RETURN_IF_ERROR(tx.admin().SetDisabled(id, suspended));
    if (suspended) {
      // Its sessions end, and so do its unused links: restoring it does not bring them back.
      SD_RETURN_IF_ERROR(tx.admin().EndSessions(id));
      SD_RETURN_IF_ERROR(tx.front_door().RetireInvitations(id, clock_.Now()));
    }
    changed = *user;
    changed.disabled = suspended;
    return tx.audit().Append(AuditOf(clock_, who, ctx, suspended ? "user.suspend" : "user.restore",
                                     "user", id.ToString(), ""));
  }));
  return Blanked(changed);
}

Result<AccountLink> AdminService::Reset(const CallContext& ctx, const Principal& who, UserId id) {
  SD_RETURN_IF_ERROR(CheckAdmin(ctx, who, "user.reset", id.ToString()));
  std::optional<AccountLink> link;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto user, tx.users().FindById(id));
    if (!user) return Error::NotFound("No such account");
    if (user->disabled) return Error::FailedPrecondition("Restore the account first");
    SD_RETURN_IF_ERROR(tx.users().SetPassword(id, DummyPasswordHash()));
    SD_RETURN_IF_ERROR(tx.admin().EndSessions(id));
    // The account is told first, in an email of its own that no use of a link withdraws.
    const Timestamp now = clock_.Now();
    SD_RETURN_IF_ERROR(StatusOf(QueueMessage(
        tx, PasswordResetNotice(user->id, user->display_name, now), who.user.id, now)));
    SD_ASSIGN_OR_RETURN(link, NewLink(tx, who, *user, LinkFor::kReset));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "user.reset", "user", id.ToString(), ""));
  }));
  return *link;
}

Result<AuditQuery> AdminService::QueryOf(Transaction& tx, const AuditSearchInput& in, int limit) {
  AuditQuery q;
  q.limit = limit;
  q.before_id = in.before_id;
  q.action_prefix = std::string(Trim(in.action));
  std::vector<FieldError> errors;
  if (!Trim(in.actor_email).empty()) {
    SD_ASSIGN_OR_RETURN(auto user, tx.users().FindByEmail(AsciiLower(Trim(in.actor_email))));
    if (user)
      q.actor = user->id;
    else
      errors.push_back({"actor_email", "No account has that email address"});
  }
  if (!Trim(in.person).empty()) {
    auto person = domain::ParsePersonReference(in.person);
    if (person)
      q.record_type = "person", q.record_id = person->ToString();
    else
      errors.push_back({"person", "Enter a reference like SD-000123"});
  }
  auto from = DayStart(in.from, "from", 0);
  auto until = DayStart(in.until, "until", 1);
  if (!from.ok()) errors.push_back(from.error().fields.at(0));
  if (!until.ok()) errors.push_back(until.error().fields.at(0));
  if (!errors.empty()) return Error::InvalidArgument("Check the search", std::move(errors));
  q.from = *from;
  q.until = *until;
  return q;
}

Result<AuditResults> AdminService::SearchAudit(const CallContext& ctx, const Principal& who,
                                               const AuditSearchInput& in, int limit) {
  SD_RETURN_IF_ERROR(CheckAdmin(ctx, who, "audit.search", ""));
  AuditResults out;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(AuditQuery q, QueryOf(tx, in, limit + 1));
    SD_ASSIGN_OR_RETURN(out.entries, tx.admin().SearchAudit(q));
    out.more = out.entries.size() > static_cast<size_t>(limit);
    if (out.more) out.entries.pop_back();
    for (const auto& e : out.entries) {
      if (!e.actor_user_id.valid() || out.actors.count(e.actor_user_id.value())) continue;
      SD_ASSIGN_OR_RETURN(auto u, tx.users().FindById(e.actor_user_id));
      out.actors[e.actor_user_id.value()] = u ? u->display_name + " (" + u->email + ")" : "";
    }
    return OkStatus();
  }));
  audit_.Record(ctx.council,
                AuditOf(clock_, who, ctx, limit > 100 ? "audit.export" : "audit.search", "", "",
                        "who=" + in.actor_email + " person=" + in.person + " action=" + in.action +
                            " from=" + in.from + " until=" + in.until));
  return out;
}

Result<std::vector<QuestionnaireSummary>> AdminService::Questionnaires(const CallContext& ctx,
                                                                       const Principal& who) {
  SD_RETURN_IF_ERROR(CheckAdmin(ctx, who, "questionnaires.list", ""));
  std::vector<QuestionnaireSummary> out;
  for (const auto& q : DefaultQuestionnaires()) out.push_back(SummaryOf(q, true));
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto stored, tx.questionnaires().List());
    for (const auto& s : stored) {
      SD_ASSIGN_OR_RETURN(const domain::Questionnaire* q,
                          QuestionnaireVersion(tx, s.questionnaire_id, s.version));
      out.push_back(SummaryOf(*q, false));
    }
    return OkStatus();
  }));
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tie(a.id, a.effective_from, a.version) <
           std::tie(b.id, b.effective_from, b.version);
  });
  return out;
}

Result<QuestionnaireSummary> AdminService::ImportQuestionnaire(const CallContext& ctx,
                                                               const Principal& who,
                                                               const boost::json::value& fhir,
                                                               bool check_only) {
  const std::string action = check_only ? "questionnaire.check" : "questionnaire.import";
  SD_RETURN_IF_ERROR(CheckAdmin(ctx, who, action, ""));
  // A check runs the import itself and then rolls it back, so it says exactly what an import
  // would: the kUnavailable below carries the result out of the rolled-back transaction.
  const Error rolled_back{ErrorCode::kUnavailable, "checked only", {}};
  std::optional<QuestionnaireSummary> out;
  Status s = store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(domain::Questionnaire q, app::ImportQuestionnaire(tx, fhir, clock_.Now()));
    out = SummaryOf(q, false);
    if (check_only) return rolled_back;
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, action, "questionnaire", q.id + " " + q.version, ""));
  });
  const bool checked = check_only && out && !s.ok() && s.error().message == rolled_back.message;
  if (!s.ok() && !checked) {
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, action + "_failed", "questionnaire", "",
                                       s.error().message.substr(0, 200)));
    return s.error();
  }
  if (checked)
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, action, "questionnaire",
                                       out->id + " " + out->version, ""));
  return *out;
}

std::string AuditCsv(const AuditResults& r) {
  std::string csv =
      CsvRow({"when_utc", "who", "action", "record_type", "record_id", "detail", "client_address"});
  for (const auto& e : r.entries) {
    auto who = r.actors.find(e.actor_user_id.value());
    csv += CsvRow({e.at.ToString(), CsvText(who == r.actors.end() ? "" : who->second),
                   CsvText(e.action), CsvText(e.record_type), CsvText(e.record_id),
                   CsvText(e.detail), CsvText(e.client_address)});
  }
  return csv;
}

}  // namespace selfdirect::app
