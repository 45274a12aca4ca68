#include "app/complaints/complaint_policy.h"

#include <boost/json.hpp>

#include "base/assert.h"
#include "base/embedded_file.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& ComplaintsData();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace {

namespace json = boost::json;

int Figure(const json::object& policy, const char* name, ComplaintReference& out) {
  const auto& f = policy.at(name).as_object();
  out.sources.push_back({name, std::string(f.at("source").as_string())});
  return static_cast<int>(f.at("value").as_int64());
}

ComplaintReference Load() {
  const auto& files = embedded::ComplaintsData();
  SD_ASSERT(!files.empty());
  const json::object o = json::parse(files.front().content).as_object();
  ComplaintReference out;
  out.verified = o.at("verified").as_bool();
  const auto& p = o.at("policy").as_object();
  out.policy.acknowledge_working_days = Figure(p, "acknowledge_working_days", out);
  out.policy.respond_months = Figure(p, "respond_months", out);
  out.policy.made_within_months = Figure(p, "made_within_months", out);
  out.policy.due_soon_days = Figure(p, "due_soon_days", out);
  const auto& w = o.at("working_days").as_object();
  out.sources.push_back({"working_days", std::string(w.at("source").as_string())});
  for (const auto& d : w.at("bank_holidays").as_array())
    out.policy.bank_holidays.push_back(*Date::Parse(d.as_string()));
  SD_ASSERT(domain::ValidateComplaintPolicy(out.policy).ok());
  return out;
}

}  // namespace

const ComplaintReference& ShippedComplaintReference() {
  static const ComplaintReference kReference = Load();
  return kReference;
}

}  // namespace selfdirect::app
