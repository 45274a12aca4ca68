// File: pa_finder.cc
// Searching PAs near a postcode, and one PA's card (pa_service.h).
#include <sstream>

#include "app/pa/pa_service.h"
#include "domain/people/postcode.h"

namespace selfdirect::app {
namespace {

PaCard CardOf(const PaProfileRecord& r) {
  PaCard c;
  c.profile = r.profile;
  c.verifier = r.verifier;
  c.checks = r.checks;
  return c;
}

// The search as the domain's need, or the field errors.
Result<domain::pa::PaNeed> NeedFrom(const PaSearch& q, domain::GeoPoint home) {
  domain::pa::PaNeed need;
  need.home = home;
  need.slots = q.slots & ((1u << domain::pa::kSlots) - 1);
  std::vector<FieldError> errors;
  for (const auto& s : q.skills) {
    if (domain::pa::SkillLabel(s).empty()) errors.push_back({"skills", "Choose from the list"});
    need.skills.push_back(s);
  }
  std::istringstream words(q.interests);
  for (std::string w; words >> w && need.interests.size() < 5;) need.interests.push_back(w);
  need.language = q.language.substr(0, 40);
  if (!q.max_rate.empty()) {
    auto rate = Pence::Parse(q.max_rate);
    if (!rate.ok() || *rate <= Pence{})
      errors.push_back({"max_rate", "Enter the most you can pay an hour, like 16.00"});
    else
      need.max_rate = *rate;
  }
  if (!errors.empty())
    return Error::InvalidArgument("The search has problems to put right", std::move(errors));
  return need;
}

}  // namespace

Result<PaSearchResult> PaService::Find(const CallContext& ctx, const Principal& who,
                                       const PaSearch& q) {
  PaSearchResult out;
  Status s = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    auto postcode = domain::NormalisePostcode(q.postcode);
    std::optional<domain::GeoPoint> home;
    if (postcode.ok()) {
      SD_ASSIGN_OR_RETURN(home, tx.postcodes().Find(*postcode));
      out.postcode = *postcode;
    }
    if (!home)
      return Error::InvalidArgument("Enter a postcode we know",
                                    {{"postcode", "Enter a postcode in England, like HR1 2AB"}});
    SD_ASSIGN_OR_RETURN(domain::pa::PaNeed need, NeedFrom(q, *home));
    SD_ASSIGN_OR_RETURN(auto snapshot, finder_->Get(tx));
    auto rows = PaFinderCache::Reaching(*snapshot, domain::pa::ReachAround(*home));
    out.considered = static_cast<int64_t>(rows.size());
    std::vector<domain::pa::PaProfile> profiles;
    profiles.reserve(rows.size());
    for (const auto* r : rows) profiles.push_back(r->profile);
    auto limit = static_cast<size_t>(std::clamp(q.limit, 1, 100));
    for (auto& m : domain::pa::FindPas(profiles, need, limit)) {
      const auto& row = *rows[static_cast<size_t>(m.pa - profiles.data())];
      PaCard c = CardOf(row);
      c.metres = m.metres;
      c.reasons = std::move(m.reasons);
      out.cards.push_back(std::move(c));
    }
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("pa.search", s), "", "",
                                     "near " + out.postcode));
  SD_RETURN_IF_ERROR(s);
  return out;
}

Result<PaCard> PaService::Card(const CallContext& ctx, const Principal& who, PaProfileId id) {
  PaCard card;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(auto r, tx.pas().FindProfile(id));
    const bool own = r && r->user_id == who.user.id;
    const bool pa = who.user.role == domain::Role::kPersonalAssistant;
    if (!r || (!r->profile.listed && !own) || (pa && !own))
      return Error::NotFound("No PA with that number");
    card = CardOf(*r);
    return OkStatus();
  });
  audit_.Record(ctx.council, AuditOf(clock_, who, ctx, ReadAction("pa.profile.view", read),
                                     "pa_profile", id.ToString(), ""));
  SD_RETURN_IF_ERROR(read);
  return card;
}

}  // namespace selfdirect::app
