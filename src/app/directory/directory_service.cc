// The directory service: entries read, saved, reviewed and removed; paging; who may edit.
#include "app/directory/directory_service.h"

#include <algorithm>
#include <charconv>

#include "app/directory/directory_internal.h"
#include "base/text.h"
#include "domain/people/postcode.h"

namespace selfdirect::app {
namespace json = boost::json;
using namespace directory_internal;  // NOLINT(google-build-using-namespace): this area's own
                                     // helpers.

namespace directory_internal {

std::optional<int64_t> ParseWhole(std::string_view text) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return v;
}

// Ages may be written "65" or "65.0" (HSDS ages are JSON numbers).
std::optional<int> ParseAge(std::string_view text) {
  if (text.size() > 2 && text.substr(text.size() - 2) == ".0") text.remove_suffix(2);
  auto v = ParseWhole(text);
  if (!v || *v < 0 || *v > 130) return std::nullopt;
  return static_cast<int>(*v);
}

std::string ReviewDueDefault(const Clock& clock) {
  return clock.Now().LondonDate().AddDays(365).ToString();
}

// The terms a search for `id` means: the term and every term beneath it.
std::vector<std::string> TermAndChildren(const Taxonomy& t, const std::string& id) {
  std::vector<std::string> out = {id};
  for (size_t i = 0; i < out.size(); ++i) {
    for (const auto& term : t.terms) {
      if (term.parent_id == out[i]) out.push_back(term.id);
    }
  }
  return out;
}

// Adds to `points` the centroid of each of the entry's postcodes that the lookup has.
Status FindPoints(Transaction& tx, const domain::DirectoryService& s,
                  std::map<std::string, domain::GeoPoint>& points) {
  for (const auto& l : s.locations) {
    if (l.postcode.empty() || points.count(l.postcode)) continue;
    SD_ASSIGN_OR_RETURN(auto p, tx.postcodes().Find(l.postcode));
    if (p) points.emplace(l.postcode, *p);
  }
  return OkStatus();
}

Result<domain::DirectoryService> ReadDocument(const std::string& doc, const Taxonomy& t) {
  json::error_code ec;
  json::value v = json::parse(doc, ec);
  if (ec) return Error::Internal("A stored directory entry is not JSON");
  return ServiceFromHsds(v, t);
}

}  // namespace directory_internal

DirectoryPaging ParseDirectoryPaging(std::string_view page, std::string_view per_page,
                                     std::vector<FieldError>& errors) {
  DirectoryPaging out;
  auto number = ParseWhole(page.empty() ? "1" : page);
  if (!number || *number < 1 || *number > 1'000'000) {
    errors.push_back({"page", "must be a whole number from 1"});
  } else {
    out.page = static_cast<int>(*number);
  }
  if (!per_page.empty()) {
    auto n = ParseWhole(per_page);
    if (!n || *n < 1 || *n > kDirectoryMaxPerPage) {
      errors.push_back(
          {"per_page", "must be a whole number from 1 to " + std::to_string(kDirectoryMaxPerPage)});
    } else {
      out.per_page = static_cast<int>(*n);
    }
  }
  return out;
}

bool CanEditDirectory(domain::Role role) {
  return role == domain::Role::kDirectoryEditor || role == domain::Role::kAdministrator;
}

DirectoryEntryRecord DirectoryRecordFor(const domain::DirectoryService& s,
                                        const Taxonomy& taxonomy_, const std::string& review_due,
                                        UserId by,
                                        const std::map<std::string, domain::GeoPoint>& points) {
  DirectoryEntryRecord r;
  r.service_id = s.id;
  r.name = s.name;
  r.organization_name = s.organization.name;
  r.status = std::string(domain::ServiceStatusCode(s.status));
  r.minimum_age = s.minimum_age;
  r.maximum_age = s.maximum_age;
  r.free = domain::IsFree(s);
  std::vector<std::string> term_names;
  for (const auto& id : s.term_ids) {
    if (const TaxonomyTerm* t = taxonomy_.Find(id)) {
      term_names.push_back(t->name);
      // A search for the parent's name finds the child's entries too.
      if (const TaxonomyTerm* p = taxonomy_.Find(t->parent_id)) term_names.push_back(p->name);
    }
  }
  r.search_text = domain::SearchText(s, term_names);
  r.term_ids = s.term_ids;
  for (const auto& sch : s.schedules) {
    for (int d : sch.days) r.sessions.push_back({d, sch.opens_at, sch.closes_at});
  }
  for (const auto& l : s.locations) {
    DirectoryEntryRecord::Place p{l.service_at_location_id, l.id, l.postcode, std::nullopt};
    if (auto it = points.find(l.postcode); it != points.end()) p.point = it->second;
    r.places.push_back(std::move(p));
  }
  r.review_due = review_due;
  r.last_modified = s.last_modified;
  r.updated_by = by;
  r.document_json = json::serialize(ServiceToHsds(s, taxonomy_));
  return r;
}

Result<StoredDirectoryEntry> DirectoryService::Stored(const DirectoryEntryRecord& r,
                                                      Transaction& tx) {
  StoredDirectoryEntry e;
  SD_ASSIGN_OR_RETURN(e.service, ReadDocument(r.document_json, taxonomy_));
  e.review_due = r.review_due;
  e.stale = r.review_due <= clock_.Now().LondonDate().ToString();
  e.updated_by = r.updated_by;
  std::map<std::string, domain::GeoPoint> points;
  SD_RETURN_IF_ERROR(FindPoints(tx, e.service, points));
  for (const auto& l : e.service.locations) {
    if (!l.postcode.empty() && !points.count(l.postcode)) e.unknown_postcodes.push_back(l.postcode);
  }
  return e;
}

Result<StoredDirectoryEntry> DirectoryService::Get(CouncilId council,
                                                   const std::string& service_id) {
  StoredDirectoryEntry out;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto r, tx.directory().Find(AsciiLower(service_id)));
    if (!r) return Error::NotFound("No such service in the directory");
    SD_ASSIGN_OR_RETURN(out, Stored(*r, tx));
    return OkStatus();
  }));
  return out;
}

Result<std::optional<domain::DirectoryOrganization>> DirectoryService::OrganisationNamed(
    CouncilId council, const std::string& name) {
  std::optional<domain::DirectoryOrganization> out;
  if (Trim(name).empty()) return out;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto r, tx.directory().FindByOrganisationName(std::string(Trim(name))));
    if (!r) return OkStatus();
    SD_ASSIGN_OR_RETURN(auto s, ReadDocument(r->document_json, taxonomy_));
    out = s.organization;
    return OkStatus();
  }));
  return out;
}

Result<DirectoryListing> DirectoryService::GetPlace(CouncilId council, const std::string& sal_id) {
  DirectoryListing out;
  SD_RETURN_IF_ERROR(store_.Read(council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto service_id, tx.directory().ServiceOfPlace(AsciiLower(sal_id)));
    if (!service_id) return Error::NotFound("No such service at location in the directory");
    SD_ASSIGN_OR_RETURN(auto r, tx.directory().Find(*service_id));
    if (!r) return Error::NotFound("No such service at location in the directory");
    SD_ASSIGN_OR_RETURN(out.service, ReadDocument(r->document_json, taxonomy_));
    out.service_at_location_id = AsciiLower(sal_id);
    out.review_due = r->review_due;
    return OkStatus();
  }));
  return out;
}

Result<StoredDirectoryEntry> DirectoryService::Save(const CallContext& ctx, const Principal& who,
                                                    domain::DirectoryService s,
                                                    const std::string& review_due) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can change the directory");
  }
  std::string due = review_due;
  if (due.empty()) {
    due = ReviewDueDefault(clock_);
  } else if (auto d = Date::Parse(due); !d.ok()) {
    return Error::InvalidArgument("The entry is not valid",
                                  {{"review_due", "must be a date, like 2027-05-01"}});
  } else {
    due = d->ToString();
  }
  auto problems = domain::ValidateService(s, taxonomy_.TermIds());
  if (!problems.empty()) {
    return Error::InvalidArgument("The entry is not valid", std::move(problems));
  }
  s.last_modified = clock_.Now();
  StoredDirectoryEntry out;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    std::map<std::string, domain::GeoPoint> points;
    SD_RETURN_IF_ERROR(FindPoints(tx, s, points));
    SD_ASSIGN_OR_RETURN(auto existing, tx.directory().Find(s.id));
    const DirectoryEntryRecord record = DirectoryRecordFor(s, taxonomy_, due, who.user.id, points);
    Status stored = tx.directory().Upsert(record);
    if (!stored.ok() && stored.error().code == ErrorCode::kAlreadyExists) {
      return Error::InvalidArgument(
          "The entry is not valid",
          {{"service_at_locations", "a place of this entry belongs to another entry"}});
    }
    SD_RETURN_IF_ERROR(stored);
    SD_ASSIGN_OR_RETURN(out, Stored(record, tx));
    return tx.audit().Append(AuditOf(clock_, who, ctx,
                                     existing ? "directory.update" : "directory.add",
                                     "directory_service", s.id, s.name));
  }));
  return out;
}

Result<StoredDirectoryEntry> DirectoryService::MarkReviewed(const CallContext& ctx,
                                                            const Principal& who,
                                                            const std::string& service_id) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can change the directory");
  }
  StoredDirectoryEntry out;
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto r, tx.directory().Find(AsciiLower(service_id)));
    if (!r) return Error::NotFound("No such service in the directory");
    SD_ASSIGN_OR_RETURN(auto entry, Stored(*r, tx));
    std::map<std::string, domain::GeoPoint> points;
    SD_RETURN_IF_ERROR(FindPoints(tx, entry.service, points));
    // Checked, not changed: last_modified stays, so feeds do not see a change.
    const DirectoryEntryRecord record =
        DirectoryRecordFor(entry.service, taxonomy_, ReviewDueDefault(clock_), who.user.id, points);
    SD_RETURN_IF_ERROR(tx.directory().Upsert(record));
    SD_ASSIGN_OR_RETURN(out, Stored(record, tx));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "directory.review", "directory_service",
                                     record.service_id, "due " + record.review_due));
  }));
  return out;
}

Status DirectoryService::Remove(const CallContext& ctx, const Principal& who,
                                const std::string& service_id) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can change the directory");
  }
  return store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_RETURN_IF_ERROR(tx.directory().Delete(AsciiLower(service_id)));
    return tx.audit().Append(AuditOf(clock_, who, ctx, "directory.remove", "directory_service",
                                     AsciiLower(service_id), ""));
  });
}

Result<DirectoryPage> DirectoryService::Stale(const CallContext& ctx, const Principal& who,
                                              int page_number) {
  if (!CanEditDirectory(who.user.role)) {
    return Error::PermissionDenied("Only directory editors can see entries due for review");
  }
  DirectoryQuery q;
  q.review_due_before = clock_.Now().LondonDate().AddDays(1).ToString();
  q.limit = 50;
  q.offset = static_cast<int64_t>(std::max(1, page_number) - 1) * q.limit;
  DirectoryResults results;
  SD_RETURN_IF_ERROR(store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(results, tx.directory().Search(q));
    return OkStatus();
  }));
  DirectoryPage page;
  page.page = std::max(1, page_number);
  page.per_page = q.limit;
  page.total = results.total;
  for (auto& h : results.hits) {
    DirectoryListing l;
    SD_ASSIGN_OR_RETURN(l.service, ReadDocument(h.document_json, taxonomy_));
    l.review_due = h.review_due;
    page.items.push_back(std::move(l));
  }
  std::stable_sort(page.items.begin(), page.items.end(),
                   [](const auto& a, const auto& b) { return a.review_due < b.review_due; });
  return page;
}

}  // namespace selfdirect::app
