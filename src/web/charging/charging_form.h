// File: charging_form.h
// The financial assessment form as pages show and read it (charging_form.cc): its values, how
// they become the JSON input of app/charging/charging_json.h and back, the form's view and the
// result's view. Shared by the calculator and the finance officer's pages.
#pragma once

#include <boost/json.hpp>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/charging/charging_service.h"
#include "base/result.h"
#include "base/strong_id.h"
#include "web/pages/view.h"

namespace selfdirect::web::charging_form {

using Values = std::map<std::string, std::string>;  // Form field name to value.

// Who fills the form in: a person (or anyone) on the calculator, or a finance officer, who also
// records the evidence for each item.
enum class FormFor { kPerson, kFinanceOfficer };
// Whom a result speaks to: the person ("You pay") or someone else ("The person pays").
enum class Wording { kYou, kThePerson };

// The posted form's values (amounts cleaned of pound signs and commas).
Values ValuesFromForm(const std::multimap<std::string, std::string>& form);
// The value of `key`, or "".
std::string Get(const Values& v, const std::string& key);
// The JSON input the values describe; `rows` gets the form row of each income item.
boost::json::object InputFromValues(const Values& v, std::vector<int>& rows);
// The evidence status the finance officer chose for each item.
app::EvidenceMap EvidenceFromValues(const Values& v, const std::vector<int>& rows);
// The reader's errors named by form field and worded for the page.
std::vector<FieldError> FormErrors(const std::vector<FieldError>& errors,
                                   const std::vector<int>& rows);
// A stored input and its evidence as form values.
Values ValuesFromStored(const std::string& input_json, const app::EvidenceMap& evidence);
// The form's fields, values and errors in `d`.
void SetForm(ViewData& d, const Values& v, const std::vector<FieldError>& errors, FormFor form);
// The charge and how it was worked out, in `d`.
// `staff`: the notes on derived and unverified figures are shown (never to the public or the
// person).
void SetResult(ViewData& d, const app::ChargingOutcome& o, Wording wording, bool staff);
// Where the finance officer's form posts, and its heading.
std::string FinancialFormAction(std::optional<PersonId> person,
                                std::optional<FinancialAssessmentId> id);
std::string FinancialFormHeading(std::optional<FinancialAssessmentId> id);
// An evidence status in words ("Seen", "Asked for").
std::string EvidenceLabel(const std::string& status);
// The label of a money field ("Weekly cost of care"), or "" for another key.
std::string MoneyFieldLabel(const std::string& key);
// An evidence item's name on a page ("Savings and investments", "Personal Independence Payment
// (daily living)") for the item key of `view`'s assessment ("capital", "income[1]").
std::string EvidenceItemLabel(const app::FinancialAssessmentView& view, const std::string& key);

}  // namespace selfdirect::web::charging_form
