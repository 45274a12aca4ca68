// File: directory_form.h
// The directory editors' form for one entry (directory_editor_pages.cc), read into the HSDS model;
// directory_form_view.h shows it.
// Pure: no storage, no clock.
//
// The form shows an entry's sessions, costs, places, contacts and service areas a row each, with
// one blank row of each kind to add another. Rows left blank are dropped; a row that keeps its
// hidden id keeps what the form does not show (a contact's further telephone numbers, an area's
// URI). Field names: name, description, status, url, email, organization_name,
// organization_url, minimum_age, maximum_age, terms; session-N-{id,freq,days,opens,closes,
// description}; cost-N-{id,option,amount,description}; place-N-{id,link,name,address,town,
// postcode,accessibility}; contact-N-{id,name,title,phone,phone_note}; area-N-{id,name};
// review_due-{day,month,year}.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "domain/directory/directory.h"
#include "web/render.h"

namespace selfdirect::web {

// Rows of one kind the form reads at most (each kind), so a crafted form cannot make a huge entry.
inline constexpr int kDirectoryFormMaxRows = 50;

struct DirectoryFormInput {
  domain::DirectoryService service;  // The stored entry with the form's changes.
  DateParts review_parts;            // The next check, as typed.
  std::string review_due;            // "2027-05-01"; empty when the boxes were left empty.
  std::vector<FieldError> errors;    // What could not be read, named by form field.
  // The form row each item of the service's lists came from (blank rows are dropped), so that a
  // problem with "schedules[1]" is shown on the row the editor typed it in.
  std::vector<int> session_rows, cost_rows, place_rows, contact_rows, area_rows;
};

// Reads the posted `form` over `stored` (the entry being changed; a default one for a new entry,
// which then needs its id and organisation id set). New rows get ids from `new_id`.
DirectoryFormInput ReadDirectoryForm(const std::multimap<std::string, std::string>& form,
                                     const domain::DirectoryService& stored,
                                     const std::function<std::string()>& new_id);

// The form's fields for `s` and its next check ("2027-05-01" or empty), with one blank row of
// each kind after the entry's own.
std::multimap<std::string, std::string> DirectoryFormValues(const domain::DirectoryService& s,
                                                            const std::string& review_due);

// How many rows of `kind` ("session", "cost", "place", "contact", "area") `form` has: one more
// than the highest N of a "kind-N-..." field, at most kDirectoryFormMaxRows.
int DirectoryFormRows(const std::multimap<std::string, std::string>& form, const std::string& kind);

// The form field that shows a problem with an HSDS field (ValidateService's names):
// "schedules[1].closes_at" -> "session-3-closes" when the second session came from row 3.
std::string DirectoryFormField(const std::string& hsds_field, const DirectoryFormInput& input);

// The label a message beginning in lower case ("must be an age from 0 to 130") is said of:
// "Maximum age", "Closing time". Empty for a field the form does not have.
std::string DirectoryFormLabel(const std::string& form_field);

}  // namespace selfdirect::web
