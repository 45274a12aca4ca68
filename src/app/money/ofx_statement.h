// File: ofx_statement.h
// OFX statements in (issue 20): the file a bank's website downloads as "OFX" (sometimes "Money" or
// "Quicken"), OFX 1.x SGML or 2.x XML, read with Debian's libofx into the rows that
// domain/money/statement.h matches and the money service posts. docs/money.md says which fields
// are read.
//
// Each transaction (STMTTRN) is one row, numbered by its order in the file (1-based):
//   date    the first eight digits of DTPOSTED, the day the bank gives (a time and zone are not
//   used); payee   NAME, or MEMO when there is no NAME; amount  TRNAMT, read from the file's text
//   in pence exactly (at most two decimals, '.' or ','
//           before them, an optional sign) and checked against what libofx read;
//   key     "ofx:" + FITID, the bank's id for the transaction, so overlapping downloads post each
//           row once (a FITID repeated in one file adds "|2", "|3"...); a transaction without one
//           is keyed like a CSV row (domain::KeyRowsByContent).
// A transaction of £0.00 (a card check) moves no money and is left out.
//
// Example:
//   auto rows = ParseOfxStatement(text);
//   if (!rows.ok()) return rows.error();  // kInvalidArgument naming each bad transaction.
#pragma once

#include <string_view>
#include <vector>

#include "base/result.h"
#include "domain/money/statement.h"

namespace selfdirect::app {

// The rows of the one bank or card statement in `text`, in file order. kInvalidArgument, with a
// message a person can act on, when the file is empty, is not OFX, was cut short (no </OFX>),
// has no list of transactions, holds no statement or more than one, is not in pounds (CURDEF),
// or has transactions without a date, an amount or a payee (each named, at most 20, as
// "transaction N"), has more than 10,000 transactions, or could not be read by libofx in 30
// seconds; then no row is returned. kInternal when the temporary file cannot be written,
// kUnavailable when no process can be started. Thread-safe: libofx reads in a child process,
// one file at a time (the caller waits for its turn).
Result<std::vector<domain::StatementRow>> ParseOfxStatement(std::string_view text);

// The rows of a statement in any format: OFX with ParseOfxStatement, CSV with
// domain::ParseStatement. Errors as theirs.
Result<std::vector<domain::StatementRow>> ReadStatement(domain::StatementFormat format,
                                                        std::string_view text);

}  // namespace selfdirect::app
