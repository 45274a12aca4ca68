#include "web/directory/directory_form.h"

#include <algorithm>
#include <charconv>

#include "base/date.h"
#include "base/pence.h"
#include "base/text.h"
#include "domain/people/postcode.h"
#include "web/http/message.h"

namespace selfdirect::web {
namespace {

using Form = std::multimap<std::string, std::string>;
using NewId = std::function<std::string()>;

std::string Value(const Form& form, const std::string& name) {
  return std::string(Trim(FormValue(form, name)));
}

// Whether every one of `values` is empty: a row left blank.
bool AllEmpty(std::initializer_list<std::string_view> values) {
  return std::all_of(values.begin(), values.end(), [](std::string_view v) { return v.empty(); });
}

// "session-3-": the start of the names of row 3's fields.
std::string RowPrefix(std::string_view kind, size_t row) {
  return std::string(kind) + "-" + std::to_string(row) + "-";
}

// The stored item with `id`, or a new one.
template <typename T>
T Existing(const std::vector<T>& items, const std::string& id) {
  for (const auto& i : items)
    if (!id.empty() && i.id == id) return i;
  return T{};
}

// The stored item with `id` (a row's hidden field), or a new one with an id from `new_id`.
template <typename T>
T ExistingOrNew(const std::vector<T>& items, const std::string& id, const NewId& new_id) {
  T item = Existing(items, id);
  if (item.id.empty()) item.id = new_id();
  return item;
}

std::optional<int> Age(const std::string& text, const std::string& field,
                       std::vector<FieldError>& errors) {
  if (text.empty()) return std::nullopt;
  int age = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), age);
  if (ec != std::errc() || end != text.data() + text.size() || text.size() > 3) {
    errors.push_back({field, "Enter the age as a whole number of years, like 18"});
    return std::nullopt;
  }
  return age;
}

// "9:30", "09:30", "9.30", "14:00" to minutes after midnight.
std::optional<int> Time(std::string text, const std::string& field, const std::string& what,
                        std::vector<FieldError>& errors) {
  if (text.empty()) return std::nullopt;
  std::replace(text.begin(), text.end(), '.', ':');
  if (text.size() == 4 && text[1] == ':') text = "0" + text;
  auto t = domain::ParseClockTime(text);
  if (!t || text.size() != 5) {
    errors.push_back({field, "Enter the " + what + " on the 24-hour clock, like 09:30 or 14:00"});
    return std::nullopt;
  }
  return t;
}

bool LooksLikeEmail(const std::string& s) {
  const size_t at = s.find('@');
  return at != std::string::npos && at > 0 && at + 1 < s.size() &&
         s.find('.', at) != std::string::npos && s.find(' ') == std::string::npos &&
         s.find('@', at + 1) == std::string::npos;
}

bool LooksLikeWebAddress(const std::string& s) {
  return (s.starts_with("https://") || s.starts_with("http://")) &&
         s.find(' ') == std::string::npos && s.find('.') != std::string::npos;
}

// The index and the rest of "kind[3].rest": {3, "rest"}; nullopt for another shape.
std::optional<std::pair<size_t, std::string>> Indexed(const std::string& field,
                                                      const std::string& kind) {
  if (!field.starts_with(kind + "[")) return std::nullopt;
  const size_t close = field.find(']', kind.size());
  if (close == std::string::npos) return std::nullopt;
  size_t index = 0;
  const char* from = field.data() + kind.size() + 1;
  auto [end, ec] = std::from_chars(from, field.data() + close, index);
  if (ec != std::errc() || end != field.data() + close) return std::nullopt;
  std::string rest = field.substr(close + 1);
  if (rest.starts_with(".")) rest.erase(0, 1);
  return std::pair{index, rest};
}

// The stored place whose service-at-location id is `link` (a row's hidden field), or a new one
// with new ids for the location and the link.
domain::DirectoryLocation ExistingPlaceOrNew(const std::vector<domain::DirectoryLocation>& places,
                                             const std::string& link, const NewId& new_id) {
  const domain::DirectoryLocation* stored = nullptr;
  for (const auto& existing : places)
    if (!link.empty() && existing.service_at_location_id == link) stored = &existing;
  if (stored) return *stored;
  domain::DirectoryLocation l;
  l.id = new_id();
  l.service_at_location_id = new_id();
  return l;
}

// "3.50", "£3.50" or "0" (free); nothing when empty.
std::optional<Pence> Amount(std::string text, const std::string& field,
                            std::vector<FieldError>& errors) {
  if (text.starts_with("£")) text.erase(0, std::string_view("£").size());
  if (text.empty()) return std::nullopt;
  auto p = Pence::Parse(text);
  if (!p.ok() || p->pence() < 0) {
    errors.push_back({field, "Enter the amount in pounds, like 3.50, or 0 if free"});
    return std::nullopt;
  }
  return *p;
}

// "hr53ar" -> "HR5 3AR"; "" when empty or not a postcode.
std::string Postcode(const std::string& text, const std::string& field,
                     std::vector<FieldError>& errors) {
  if (text.empty()) return "";
  auto p = domain::NormalisePostcode(text);
  if (!p.ok()) {
    errors.push_back({field, "Enter a full UK postcode, like HR6 8AA"});
    return "";
  }
  return *p;
}

// What a row of the form is read against: the form, the entry being changed, where new ids come
// from, and the problems found so far.
struct RowSource {
  const Form& form;
  const domain::DirectoryService& stored;
  const NewId& new_id;
  std::vector<FieldError>& errors;
};

template <typename T>
using ReadRow = std::optional<T> (*)(const RowSource& source, const std::string& at);

// Each row of `kind` read by `read` (nothing for a row left blank) into `items`, with the row
// each came from in `rows`.
template <typename T>
void ReadRows(const RowSource& source, std::string_view kind, ReadRow<T> read,
              std::vector<T>& items, std::vector<int>& rows) {
  items.clear();
  for (int row = 0, n = DirectoryFormRows(source.form, std::string(kind)); row < n; ++row) {
    std::optional<T> item = read(source, RowPrefix(kind, row));
    if (!item) continue;
    items.push_back(std::move(*item));
    rows.push_back(row);
  }
}

std::optional<domain::DirectorySchedule> ReadSession(const RowSource& in, const std::string& at) {
  const std::vector<std::string> days = FormValues(in.form, at + "days");
  const std::string opens = Value(in.form, at + "opens"), closes = Value(in.form, at + "closes"),
                    description = Value(in.form, at + "description");
  if (days.empty() && AllEmpty({opens, closes, description})) return std::nullopt;
  domain::DirectorySchedule sc =
      ExistingOrNew(in.stored.schedules, Value(in.form, at + "id"), in.new_id);
  sc.freq = Value(in.form, at + "freq") == "MONTHLY" ? "MONTHLY" : "WEEKLY";
  sc.days.clear();
  for (const auto& d : days) {
    if (auto day = domain::ParseDay(d)) {
      if (std::find(sc.days.begin(), sc.days.end(), *day) == sc.days.end()) sc.days.push_back(*day);
    }
  }
  std::sort(sc.days.begin(), sc.days.end());
  sc.opens_at = Time(opens, at + "opens", "opening time", in.errors);
  sc.closes_at = Time(closes, at + "closes", "closing time", in.errors);
  sc.description = description;
  return sc;
}

std::optional<domain::DirectoryCost> ReadCost(const RowSource& in, const std::string& at) {
  const std::string option = Value(in.form, at + "option"),
                    description = Value(in.form, at + "description");
  const std::string amount = Value(in.form, at + "amount");
  if (AllEmpty({option, amount, description})) return std::nullopt;
  domain::DirectoryCost c = ExistingOrNew(in.stored.costs, Value(in.form, at + "id"), in.new_id);
  c.option = option;
  c.amount_description = description;
  c.amount = Amount(amount, at + "amount", in.errors);
  return c;
}

std::optional<domain::DirectoryLocation> ReadPlace(const RowSource& in, const std::string& at) {
  const std::string name = Value(in.form, at + "name"), address = Value(in.form, at + "address"),
                    town = Value(in.form, at + "town"), postcode = Value(in.form, at + "postcode"),
                    accessibility = Value(in.form, at + "accessibility");
  if (AllEmpty({name, address, town, postcode, accessibility})) return std::nullopt;
  domain::DirectoryLocation l =
      ExistingPlaceOrNew(in.stored.locations, Value(in.form, at + "link"), in.new_id);
  l.name = name;
  l.address_1 = address;
  l.city = town;
  l.accessibility = accessibility;
  l.postcode = Postcode(postcode, at + "postcode", in.errors);
  return l;
}

std::optional<domain::DirectoryContact> ReadContact(const RowSource& in, const std::string& at) {
  const std::string name = Value(in.form, at + "name"), title = Value(in.form, at + "title"),
                    phone = Value(in.form, at + "phone"), note = Value(in.form, at + "phone_note");
  if (AllEmpty({name, title, phone, note})) return std::nullopt;
  domain::DirectoryContact c =
      ExistingOrNew(in.stored.contacts, Value(in.form, at + "id"), in.new_id);
  c.name = name;
  c.title = title;
  // The form shows the first number; further ones (from a feed) are kept as they are.
  if (phone.empty() && note.empty()) {
    if (!c.phones.empty()) c.phones.erase(c.phones.begin());
  } else {
    if (c.phones.empty()) c.phones.insert(c.phones.begin(), {in.new_id(), "", ""});
    c.phones.front().number = phone;
    c.phones.front().description = note;
  }
  return c;
}

std::optional<domain::DirectoryServiceArea> ReadArea(const RowSource& in, const std::string& at) {
  const std::string name = Value(in.form, at + "name");
  if (name.empty()) return std::nullopt;
  domain::DirectoryServiceArea a =
      ExistingOrNew(in.stored.service_areas, Value(in.form, at + "id"), in.new_id);
  a.name = name;
  return a;
}

// What the form says of the service itself: names, addresses, status, ages and kinds.
void ReadAbout(const Form& form, domain::DirectoryService& s, std::vector<FieldError>& errors) {
  s.name = Value(form, "name");
  s.description = Value(form, "description");
  s.url = Value(form, "url");
  if (!s.url.empty() && !LooksLikeWebAddress(s.url))
    errors.push_back({"url", "Enter the website address in full, like https://example.org"});
  s.email = Value(form, "email");
  if (!s.email.empty() && !LooksLikeEmail(s.email))
    errors.push_back({"email", "Enter an email address like name@example.org"});
  if (auto status = domain::ParseServiceStatus(Value(form, "status")))
    s.status = *status;
  else
    errors.push_back({"status", "Choose whether the service is running"});
  s.organization.name = Value(form, "organization_name");
  s.organization.url = Value(form, "organization_url");
  if (!s.organization.url.empty() && !LooksLikeWebAddress(s.organization.url)) {
    errors.push_back(
        {"organization_url", "Enter the website address in full, like https://example.org"});
  }
  s.minimum_age = Age(Value(form, "minimum_age"), "minimum_age", errors);
  s.maximum_age = Age(Value(form, "maximum_age"), "maximum_age", errors);
  s.term_ids.clear();
  for (const auto& t : FormValues(form, "terms")) {
    if (std::find(s.term_ids.begin(), s.term_ids.end(), t) == s.term_ids.end())
      s.term_ids.push_back(t);
  }
}

void ReadReviewDue(const Form& form, DirectoryFormInput& in) {
  in.review_parts = {Value(form, "review_due-day"), Value(form, "review_due-month"),
                     Value(form, "review_due-year")};
  in.review_due = IsoDateFromParts(in.review_parts);
  if (!in.review_due.empty() && !Date::Parse(in.review_due).ok()) {
    in.errors.push_back({"review_due", "Enter a real date for the next check, like 1 5 2027"});
    in.review_due.clear();
  }
}

void PutSession(Form& f, const std::string& at, const domain::DirectorySchedule& sc) {
  f.emplace(at + "id", sc.id);
  f.emplace(at + "freq", sc.freq);
  for (int d : sc.days) f.emplace(at + "days", std::string(domain::kDayCodes[d]));
  f.emplace(at + "opens", sc.opens_at ? domain::ClockTimeText(*sc.opens_at) : "");
  f.emplace(at + "closes", sc.closes_at ? domain::ClockTimeText(*sc.closes_at) : "");
  f.emplace(at + "description", sc.description);
}

void PutCost(Form& f, const std::string& at, const domain::DirectoryCost& c) {
  f.emplace(at + "id", c.id);
  f.emplace(at + "option", c.option);
  f.emplace(at + "amount", c.amount ? c.amount->ToString() : "");
  f.emplace(at + "description", c.amount_description);
}

void PutPlace(Form& f, const std::string& at, const domain::DirectoryLocation& l) {
  f.emplace(at + "id", l.id);
  f.emplace(at + "link", l.service_at_location_id);
  f.emplace(at + "name", l.name);
  f.emplace(at + "address", l.address_1);
  f.emplace(at + "town", l.city);
  f.emplace(at + "postcode", l.postcode);
  f.emplace(at + "accessibility", l.accessibility);
}

void PutContact(Form& f, const std::string& at, const domain::DirectoryContact& c) {
  f.emplace(at + "id", c.id);
  f.emplace(at + "name", c.name);
  f.emplace(at + "title", c.title);
  f.emplace(at + "phone", c.phones.empty() ? "" : c.phones.front().number);
  f.emplace(at + "phone_note", c.phones.empty() ? "" : c.phones.front().description);
}

void PutArea(Form& f, const std::string& at, const domain::DirectoryServiceArea& a) {
  f.emplace(at + "id", a.id);
  f.emplace(at + "name", a.name);
}

// A row of `kind` for each item, by `put`, then a blank row to add another.
template <typename T>
void PutRows(Form& f, std::string_view kind, const std::vector<T>& items,
             void (*put)(Form&, const std::string&, const T&)) {
  for (size_t i = 0; i < items.size(); ++i) put(f, RowPrefix(kind, i), items[i]);
  f.emplace(RowPrefix(kind, items.size()) + "id", "");
}

}  // namespace

int DirectoryFormRows(const Form& form, const std::string& kind) {
  int rows = 0;
  const std::string prefix = kind + "-";
  for (auto it = form.lower_bound(prefix); it != form.end() && it->first.starts_with(prefix);
       ++it) {
    const std::string_view rest = std::string_view(it->first).substr(prefix.size());
    int n = 0;
    auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), n);
    if (ec != std::errc() || end == rest.data() || n < 0 || n >= kDirectoryFormMaxRows) continue;
    rows = std::max(rows, n + 1);
  }
  return rows;
}

DirectoryFormInput ReadDirectoryForm(const Form& form, const domain::DirectoryService& stored,
                                     const NewId& new_id) {
  DirectoryFormInput in;
  domain::DirectoryService& s = in.service;
  s = stored;
  ReadAbout(form, s, in.errors);
  const RowSource rows{form, stored, new_id, in.errors};
  ReadRows(rows, "session", &ReadSession, s.schedules, in.session_rows);
  ReadRows(rows, "cost", &ReadCost, s.costs, in.cost_rows);
  ReadRows(rows, "place", &ReadPlace, s.locations, in.place_rows);
  ReadRows(rows, "contact", &ReadContact, s.contacts, in.contact_rows);
  ReadRows(rows, "area", &ReadArea, s.service_areas, in.area_rows);
  ReadReviewDue(form, in);
  return in;
}

Form DirectoryFormValues(const domain::DirectoryService& s, const std::string& review_due) {
  Form f;
  auto put = [&](const std::string& k, const std::string& v) { f.emplace(k, v); };
  put("name", s.name);
  put("description", s.description);
  put("status", std::string(domain::ServiceStatusCode(s.status)));
  put("url", s.url);
  put("email", s.email);
  put("organization_name", s.organization.name);
  put("organization_url", s.organization.url);
  put("minimum_age", s.minimum_age ? std::to_string(*s.minimum_age) : "");
  put("maximum_age", s.maximum_age ? std::to_string(*s.maximum_age) : "");
  for (const auto& t : s.term_ids) put("terms", t);
  PutRows(f, "session", s.schedules, &PutSession);
  PutRows(f, "cost", s.costs, &PutCost);
  PutRows(f, "place", s.locations, &PutPlace);
  PutRows(f, "contact", s.contacts, &PutContact);
  PutRows(f, "area", s.service_areas, &PutArea);
  if (auto d = Date::Parse(review_due); d.ok()) {
    put("review_due-day", std::to_string(d->day()));
    put("review_due-month", std::to_string(d->month()));
    put("review_due-year", std::to_string(d->year()));
  }
  return f;
}

std::string DirectoryFormField(const std::string& hsds_field, const DirectoryFormInput& in) {
  static const std::map<std::string, std::string> kSame = {
      {"id", "name"},
      {"name", "name"},
      {"description", "description"},
      {"status", "status"},
      {"url", "url"},
      {"email", "email"},
      {"minimum_age", "minimum_age"},
      {"maximum_age", "maximum_age"},
      {"review_due", "review_due"},
      {"organization.website", "organization_url"}};
  if (auto it = kSame.find(hsds_field); it != kSame.end()) return it->second;
  if (hsds_field.starts_with("organization")) return "organization_name";
  if (hsds_field.starts_with("attributes")) return "terms";
  struct Kind {
    const char* hsds;
    const char* form;
    const std::vector<int>* rows;
    const char* first;  // The row's field for anything else.
    std::vector<std::pair<std::string, std::string>> fields;
  };
  const Kind kinds[] = {
      {"schedules",
       "session",
       &in.session_rows,
       "days",
       {{"opens_at", "opens"}, {"closes_at", "closes"}, {"freq", "days"}, {"byday", "days"}}},
      {"cost_options", "cost", &in.cost_rows, "option", {{"amount", "amount"}}},
      {"service_at_locations",
       "place",
       &in.place_rows,
       "name",
       {{"location.addresses[0].postal_code", "postcode"}}},
      {"contacts", "contact", &in.contact_rows, "name", {{"phones[0].number", "phone"}}},
      {"service_areas", "area", &in.area_rows, "name", {}}};
  for (const auto& k : kinds) {
    if (!hsds_field.starts_with(k.hsds)) continue;
    int row = k.rows->empty() ? 0 : k.rows->front();
    std::string rest;
    if (auto indexed = Indexed(hsds_field, k.hsds)) {
      if (indexed->first < k.rows->size()) row = (*k.rows)[indexed->first];
      rest = indexed->second;
    }
    std::string field = k.first;
    for (const auto& [from, to] : k.fields)
      if (rest == from) field = to;
    return std::string(k.form) + "-" + std::to_string(row) + "-" + field;
  }
  return "name";
}

std::string DirectoryFormLabel(const std::string& field) {
  static const std::map<std::string, std::string> kLabels = {
      {"name", "Name"},
      {"description", "Description"},
      {"status", "Status"},
      {"url", "Website"},
      {"email", "Email"},
      {"organization_name", "Organisation"},
      {"organization_url", "Organisation's website"},
      {"minimum_age", "Youngest age"},
      {"maximum_age", "Oldest age"},
      {"terms", "Kind of support"},
      {"review_due", "Next check"},
      {"days", "Days"},
      {"opens", "Opening time"},
      {"closes", "Closing time"},
      {"option", "What the cost is for"},
      {"amount", "Amount"},
      {"postcode", "Postcode"},
      {"phone", "Telephone"}};
  std::string key = field;
  // "session-2-closes" -> "closes".
  if (size_t dash = field.rfind('-');
      dash != std::string::npos && std::count(field.begin(), field.end(), '-') == 2)
    key = field.substr(dash + 1);
  auto it = kLabels.find(key);
  return it == kLabels.end() ? "" : it->second;
}

}  // namespace selfdirect::web
