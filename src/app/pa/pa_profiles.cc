// File: pa_profiles.cc
// A PA's own profile and its verification (pa_service.h).
#include <algorithm>

#include "app/pa/pa_service.h"
#include "domain/people/postcode.h"

namespace selfdirect::app {
namespace {

std::vector<std::string> Cleaned(const std::vector<std::string>& items, size_t most) {
  std::vector<std::string> out;
  for (auto s : items) {
    s.erase(0, s.find_first_not_of(' '));
    s.erase(s.find_last_not_of(' ') + 1);
    if (!s.empty() && s.size() <= 40 && out.size() < most &&
        std::find(out.begin(), out.end(), s) == out.end())
      out.push_back(s);
  }
  return out;
}

// The profile record for `in`, or the field errors.
Result<PaProfileRecord> ProfileFrom(Transaction& tx, const PaProfileInput& in) {
  std::vector<FieldError> errors;
  PaProfileRecord r;
  auto& p = r.profile;
  p.first_name = in.first_name;
  if (p.first_name.empty() || p.first_name.size() > 40)
    errors.push_back({"first_name", "Enter the first name people will see, up to 40 letters"});
  auto postcode = domain::NormalisePostcode(in.postcode);
  std::optional<domain::GeoPoint> home;
  if (postcode.ok()) {
    SD_ASSIGN_OR_RETURN(home, tx.postcodes().Find(*postcode));
    r.postcode = *postcode;
  }
  if (!home) errors.push_back({"postcode", "Enter your home postcode, like HR1 2AB"});
  if (home) p.home = *home;
  if (in.travel_miles < 1 || in.travel_miles > domain::pa::kMaxTravelMiles)
    errors.push_back({"travel_miles", "Enter how far you will travel, from 1 to 50 miles"});
  p.travel_miles = in.travel_miles;
  auto rate = Pence::Parse(in.hourly_rate);
  if (!rate.ok() || *rate <= Pence{} || *rate > Pence::FromPounds(200))
    errors.push_back({"hourly_rate", "Enter the hourly rate you ask, like 14.50"});
  else
    p.hourly_rate = *rate;
  p.availability = in.availability & ((1u << domain::pa::kSlots) - 1);
  for (const auto& s : in.skills)
    if (domain::pa::SkillLabel(s).empty()) errors.push_back({"skills", "Choose from the list"});
  p.skills = Cleaned(in.skills, 20);
  p.interests = Cleaned(in.interests, 10);
  p.languages = Cleaned(in.languages, 6);
  p.about = in.about.substr(0, 2000);
  p.listed = in.listed;
  r.checks = in.checks;
  const char* levels[] = {"", "basic", "standard", "enhanced", "enhanced_barred"};
  if (std::none_of(std::begin(levels), std::end(levels),
                   [&](const char* l) { return in.checks.dbs_level == l; }))
    errors.push_back({"dbs_level", "Choose the level of your DBS check"});
  if (!errors.empty())
    return Error::InvalidArgument("Your profile has problems to put right", std::move(errors));
  return r;
}

bool MayVerify(const Principal& who) {
  using domain::Role;
  const Role r = who.user.role;
  return r == Role::kPractitioner || r == Role::kApprover || r == Role::kAdministrator ||
         r == Role::kEmployerOrganisation;
}

}  // namespace

Result<PaProfileRecord> PaService::MyProfile(const CallContext& ctx, const Principal& pa) {
  std::optional<PaProfileRecord> found;
  Status read = store_.Read(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(found, tx.pas().ProfileOfUser(pa.user.id));
    if (!found) return Error::NotFound("You have not made a profile yet");
    return OkStatus();
  });
  SD_RETURN_IF_ERROR(read);
  return *found;
}

Result<PaProfileId> PaService::SaveMyProfile(const CallContext& ctx, const Principal& pa,
                                             const PaProfileInput& in) {
  if (pa.user.role != domain::Role::kPersonalAssistant)
    return Error::PermissionDenied("Only personal assistants have a PA profile");
  PaProfileId id;
  const Timestamp now = clock_.Now();
  SD_RETURN_IF_ERROR(store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    SD_ASSIGN_OR_RETURN(PaProfileRecord r, ProfileFrom(tx, in));
    SD_ASSIGN_OR_RETURN(auto existing, tx.pas().ProfileOfUser(pa.user.id));
    r.user_id = pa.user.id;
    r.created_at = r.updated_at = now;
    if (existing) {
      r.id = id = existing->id;
      SD_RETURN_IF_ERROR(tx.pas().UpdateProfile(r));
    } else {
      SD_ASSIGN_OR_RETURN(id, tx.pas().InsertProfile(r));
    }
    return tx.audit().Append(AuditOf(clock_, pa, ctx,
                                     existing ? "pa.profile.update" : "pa.profile.create",
                                     "pa_profile", id.ToString(), ""));
  }));
  return id;
}

Status PaService::Verify(const CallContext& ctx, const Principal& who, PaProfileId id) {
  if (!MayVerify(who)) {
    audit_.Record(ctx.council, AuditOf(clock_, who, ctx, "pa.profile.verify_refused", "pa_profile",
                                       id.ToString(), ""));
    return Error::PermissionDenied(
        "Only council staff or a PA-employer organisation can verify a PA's checks");
  }
  const Timestamp now = clock_.Now();
  return store_.Write(ctx.council, [&](Transaction& tx) -> Status {
    std::string verifier = who.user.role == domain::Role::kEmployerOrganisation
                               ? who.user.display_name
                               : "the council";
    SD_RETURN_IF_ERROR(tx.pas().Verify(id, who.user.id, now, verifier));
    return tx.audit().Append(
        AuditOf(clock_, who, ctx, "pa.profile.verify", "pa_profile", id.ToString(), verifier));
  });
}

}  // namespace selfdirect::app
