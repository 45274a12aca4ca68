// File: payroll_json.h
// The payroll figures shipped as reference data (data/reference/payroll/, one file a tax year)
// and the JSON of `selfdirect payroll calculate` (../shared/contracts/payroll.md): reading one
// payment, writing its payslip, and streaming many.
#pragma once

#include <boost/json.hpp>
#include <cstdio>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/payroll/payroll.h"

namespace selfdirect::app {

// Reads one file of data/reference/payroll/.
Result<domain::payroll::PayrollYear> PayrollYearFromJson(const boost::json::value& v);
// Every shipped tax year, oldest first.
const std::vector<domain::payroll::PayrollYear>& ReferencePayrollYears();
// The tax year of the pay date; kInvalidArgument on "pay_date" when no figures cover it.
Result<const domain::payroll::PayrollYear*> PayrollYearOn(Date pay_date);
// The minimum wage rates of every shipped file, oldest first.
const std::vector<domain::payroll::MinimumWage>& ShippedMinimumWages();

// One payment of the contract's input. kInvalidArgument with every field's message.
Result<domain::payroll::PayslipInput> PayslipInputFromJson(const boost::json::value& v);
// The contract's output object (no newline).
void AppendPayslipJson(const domain::payroll::Payslip& p, std::string& out);
// {"error": {"field": ..., "message": ...}}: the first field named (or "input").
void AppendPayrollError(const Error& e, std::string& out);
// Reads, checks and calculates one payment from JSON: the payslip or the error.
Result<domain::payroll::Payslip> CalculatePayslipJson(const boost::json::value& v);

struct PayrollStreamSummary {
  int64_t payments = 0;
  int64_t invalid = 0;
  bool malformed = false;
  std::string malformed_message;
};

// `payroll calculate`: one output line per JSON value of `in`, in order.
PayrollStreamSummary StreamPayroll(std::FILE* in, std::FILE* out);

}  // namespace selfdirect::app
