// Golden payroll cases: every row of HMRC's payroll-software test data (tests/cases/payroll/hmrc,
// JSON Lines of contract inputs and HMRC's figures) and the cases a payroll officer can read
// (tests/cases/payroll/*.case, format in tests/cases/payroll/README.md), through the same
// reader and calculation as `selfdirect payroll calculate`.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "app/payroll/payroll_json.h"

namespace selfdirect::app {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

const fs::path kDir = fs::path(SELFDIRECT_CASES_DIR) / "payroll";

// The contract's output as the flat names the case files use.
std::map<std::string, std::string> Flatten(const Result<domain::payroll::Payslip>& p) {
  std::map<std::string, std::string> out;
  if (!p.ok()) {
    out["error"] = p.error().fields.empty() ? "input" : p.error().fields[0].field;
    return out;
  }
  std::string text;
  AppendPayslipJson(*p, text);
  json::object o = json::parse(text).as_object();
  for (const auto& [k, v] : o) {
    if (v.is_string()) out[std::string(k)] = std::string(v.get_string());
    if (v.is_bool()) out[std::string(k)] = v.get_bool() ? "true" : "false";
  }
  out["ytd_taxable_pay"] = std::string(o["year_to_date"].at("taxable_pay").get_string());
  out["ytd_tax"] = std::string(o["year_to_date"].at("tax").get_string());
  out["tax_to_date"] = out["ytd_tax"];
  for (const char* band : {"at_lel", "lel_to_pt", "pt_to_uel"})
    out[std::string("ni_earnings_") + band] = std::string(o["ni_earnings"].at(band).get_string());
  return out;
}

TEST(PayrollGolden, EveryHmrcTestDataRow) {
  int rows = 0;
  for (const auto& entry : fs::directory_iterator(kDir / "hmrc")) {
    if (entry.path().extension() != ".jsonl") continue;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      json::object row = json::parse(line).as_object();
      auto got = Flatten(CalculatePayslipJson(row.at("input")));
      for (const auto& [key, want] : row.at("expect").as_object())
        EXPECT_EQ(got[std::string(key)], want.as_string())
            << row.at("name").as_string() << ": " << key;
      ++rows;
    }
  }
  EXPECT_GE(rows, 432);  // 104 + 104 PAYE rows and 224 NI rows at least.
}

// One .case file: the contract's input built from its lines, and the expected figures.
struct Case {
  json::object input;
  std::map<std::string, std::string> expect;
};

void AddInputLine(const std::string& key, const std::string& value, Case& c) {
  json::array& pay =
      c.input["pay"].is_array() ? c.input["pay"].as_array() : c.input["pay"].emplace_array();
  std::istringstream words(value);
  if (key == "hours") {
    std::string hours, at, rate;
    words >> hours >> at >> rate;
    pay.push_back(json::object{{"kind", "hours"}, {"hours", hours}, {"rate", rate}});
  } else if (key == "rolled_up_holiday") {
    pay.push_back(json::object{{"kind", "rolled_up_holiday"}});
  } else if (key == "amount") {
    std::string amount, description;
    words >> amount;
    std::getline(words >> std::ws, description);
    pay.push_back(
        json::object{{"kind", "amount"}, {"amount", amount}, {"description", description}});
  } else if (key == "statutory_sick_pay") {
    // "3 5 300.00 0": sick days, qualifying days a week, average weekly earnings, waiting days
    // already served.
    std::string days, per_week, earnings, served = "0";
    words >> days >> per_week >> earnings >> served;
    pay.push_back(json::object{{"kind", "statutory_sick_pay"},
                               {"sick_days", std::stoll(days)},
                               {"qualifying_days_per_week", std::stoll(per_week)},
                               {"average_weekly_earnings", earnings},
                               {"waiting_days_served", std::stoll(served)}});
  } else if (key == "previous_taxable_pay" || key == "previous_tax") {
    json::object& prev = c.input["previous"].is_object() ? c.input["previous"].as_object()
                                                         : c.input["previous"].emplace_object();
    prev[key == "previous_tax" ? "tax" : "taxable_pay"] = value;
  } else if (key == "pension") {
    std::string employee, employer, relief;
    words >> employee >> employer >> relief;
    c.input["pension"] = json::object{{"enrolled", true},
                                      {"employee_percent", employee},
                                      {"employer_percent", employer},
                                      {"relief", relief}};
  } else if (key == "period") {
    c.input["period"] = std::stoll(value);
  } else {
    c.input[key] = value;
  }
}

Case ReadCase(const fs::path& path) {
  Case c;
  std::ifstream in(path);
  std::string line;
  bool expecting = false;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    if (line == "expect:") {
      expecting = true;
      continue;
    }
    auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string key = line.substr(0, colon);
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    value.erase(value.find_last_not_of(' ') + 1);
    if (expecting)
      c.expect[key] = value;
    else
      AddInputLine(key, value, c);
  }
  if (!c.input.contains("pay")) c.input["pay"] = json::array{};
  return c;
}

TEST(PayrollGolden, CasesAPayrollOfficerCanRead) {
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(kDir)) {
    if (entry.path().extension() != ".case") continue;
    Case c = ReadCase(entry.path());
    ASSERT_FALSE(c.expect.empty()) << entry.path() << " expects nothing";
    auto got = Flatten(CalculatePayslipJson(c.input));
    for (const auto& [key, want] : c.expect)
      EXPECT_EQ(got[key], want) << entry.path().filename().string() << ": " << key;
    ++cases;
  }
  EXPECT_GE(cases, 40);
}

}  // namespace
}  // namespace selfdirect::app

namespace selfdirect::app {
namespace {

// 2027/28 is provisional (data/reference/payroll/england-2027-28.json): the figures not yet
// published are carried and every payslip says which; the years before are not provisional.
TEST(PayrollReference, AProvisionalYearSaysSoOnEveryPayslip) {
  auto year = PayrollYearOn(*Date::Parse("2027-04-09"));
  ASSERT_TRUE(year.ok()) << year.error().message;
  EXPECT_EQ((*year)->id, "england-2027-28");
  EXPECT_EQ((*year)->provisional,
            (std::vector<std::string>{"national_insurance", "auto_enrolment",
                                      "employment_allowance", "statutory_sick_pay.weekly_rate"}));
  EXPECT_TRUE((*PayrollYearOn(*Date::Parse("2027-04-05")))->provisional.empty());
  domain::payroll::PayslipInput in;
  in.pay_date = *Date::Parse("2027-04-09");
  in.frequency = domain::payroll::Frequency::kWeekly;
  in.period = 1;
  in.tax_code = *domain::payroll::ParseTaxCode("1257L");
  in.date_of_birth = *Date::Parse("1990-05-01");
  in.pay.push_back({domain::payroll::PayItem::Kind::kHours, 2000, Pence::FromPence(1300)});
  auto slip = domain::payroll::CalculatePayslip(in, **year, ShippedMinimumWages());
  ASSERT_TRUE(slip.ok());
  const auto& lines = slip->explanation;
  EXPECT_TRUE(std::any_of(lines.begin(), lines.end(), [](const std::string& l) {
    return l.starts_with("Provisional: some 2027 to 2028 figures are carried");
  }));
  EXPECT_FALSE(PayrollYearOn(*Date::Parse("2028-04-06")).ok());  // No figures yet.
}

}  // namespace
}  // namespace selfdirect::app
