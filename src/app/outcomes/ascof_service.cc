// File: ascof_service.cc
// ASCOF measure 3D from the people and their agreed plans (ascof_service.h).
#include "app/outcomes/ascof_service.h"

#include "base/csv.h"
#include "base/limits.h"
#include "domain/people/person.h"

namespace selfdirect::app {

namespace {

// The person's latest agreed plan as a client line, if they have one agreed on or before `on`.
Result<std::optional<ClientLine>> LineOf(Transaction& tx, const PersonRecord& p, Date on) {
  SD_ASSIGN_OR_RETURN(auto plans, tx.support_plans().ForPerson(p.id));
  std::optional<ClientLine> out;
  for (const auto& plan : plans) {
    if (plan.approved_version == 0 || !plan.decided_at) continue;
    const Date agreed = plan.decided_at->LondonDate();
    auto category = domain::ParseReturnCategory(plan.return_category);
    if (agreed > on || !category || (out && out->agreed_on > agreed)) continue;
    out = ClientLine{domain::PersonReference(p.id),
                     p.details.nhs_number.value_or(""),
                     p.details.date_of_birth,
                     plan.client_group,
                     *category,
                     agreed};
  }
  return out;
}

Result<std::vector<ClientLine>> AllLines(Transaction& tx, Date on) {
  std::vector<ClientLine> lines;
  PeopleQuery q{"", std::nullopt, 1, limits::kMaxPageSize};
  for (;; ++q.page) {
    SD_ASSIGN_OR_RETURN(auto page, tx.people().Search(q));
    for (const auto& p : page.items) {
      SD_ASSIGN_OR_RETURN(auto line, LineOf(tx, p, on));
      if (line) lines.push_back(std::move(*line));
    }
    if (static_cast<int64_t>(q.page) * q.page_size >= page.total || page.items.empty()) break;
  }
  return lines;
}

bool MayReadMeasure(domain::Role r) {
  return r == domain::Role::kAnalyst || r == domain::Role::kFinanceOfficer ||
         r == domain::Role::kAdministrator;
}

}  // namespace

std::string ClientExtractCsv(const std::vector<ClientLine>& clients) {
  std::string out =
      "reference,nhs_number,date_of_birth,client_group,delivery_mechanism,agreed_on\r\n";
  for (const auto& c : clients) {
    const std::string cells[] = {c.reference,
                                 c.nhs_number,
                                 c.date_of_birth.ToString(),
                                 c.client_group,
                                 std::string(domain::ReturnCategoryCode(c.category)),
                                 c.agreed_on.ToString()};
    for (size_t i = 0; i < std::size(cells); ++i) out += (i ? "," : "") + CsvCell(cells[i]);
    out += "\r\n";
  }
  return out;
}

Result<AscofReport> AscofService::SelfDirectedSupport(const CallContext& ctx, const Principal& who,
                                                      Date on, bool with_clients) {
  AscofReport report;
  Status read = OkStatus();
  if (!MayReadMeasure(who.user.role) || (with_clients && who.user.role != domain::Role::kAnalyst))
    read = Error::PermissionDenied("Only analysts read the client-level extract");
  if (read.ok())
    read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
      SD_ASSIGN_OR_RETURN(auto lines, AllLines(tx, on));
      std::vector<domain::SupportRecord> records;
      for (const auto& l : lines)
        records.push_back(
            {l.reference, l.nhs_number, l.date_of_birth, l.category, l.agreed_on, {}});
      report.measure = domain::MeasureSelfDirectedSupport(records, on);
      if (with_clients) report.clients = std::move(lines);
      return OkStatus();
    });
  audit_.Record(
      ctx.council,
      AuditOf(
          clock_, who, ctx,
          ReadAction(with_clients ? "outcomes.client_extract.read" : "outcomes.ascof.read", read),
          "council", ctx.council.ToString(), "3D on " + on.ToString()));
  SD_RETURN_IF_ERROR(read);
  return report;
}

}  // namespace selfdirect::app
