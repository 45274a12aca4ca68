// File: render.h
// How every area answers: a GOV.UK page inside the council's layout (with the navigation the
// caller's role sees), an error page, or a JSON error, and the mapping from error codes to HTTP
// statuses. One Renderer per Site, shared by every route module.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/directory/directory_service.h"
#include "app/repositories.h"
#include "base/result.h"
#include "domain/accounts/reauthentication.h"
#include "web/pages/view.h"
#include "web/route.h"

namespace selfdirect::web {

struct SiteOptions {
  app::Council council;
  bool secure_cookies = false;  // Set when served over HTTPS (behind a TLS proxy).
  // A cookie's name as sent: behind HTTPS with the "__Host-" prefix (OWASP ASVS 4.0 3.4.4). A
  // browser keeps such a cookie only if it is Secure, for Path=/ and with no Domain, so no other
  // site under the council's domain, and no page over plain HTTP, can set or overwrite it.
  std::string CookieName(std::string_view name) const {
    return secure_cookies ? "__Host-" + std::string(name) : std::string(name);
  }
  // Directory listings kept in recent search answers (0: none; see DirectorySearchCache).
  size_t directory_cache_listings = app::kDirectorySearchCacheListings;
  // Answer directory searches from an in-memory index (DirectorySearchIndex), not the database.
  bool directory_index = true;
  // Bytes of person pages kept rendered for their viewers (0: none; see PeopleRoutes).
  size_t person_page_cache_bytes = 32u << 20;
  // Render every person page afresh, and answer 500 if a kept page at the same version differs
  // from it (the HTTP and browser tests run this way, so every journey checks the cache).
  bool check_person_page_cache = false;
  // The outbox sends email (`serve --smtp-url`): survey invitations may be emailed.
  bool email = false;
  // How long a password entered counts as recent for the sensitive routes (Route::
  // recent_password; `serve --recent-password`).
  int recent_password_seconds = domain::kRecentPasswordSeconds;
};

class Renderer {
 public:
  explicit Renderer(const SiteOptions& options) : options_(options) {}

  // `template_name` rendered with `data` inside the layout, titled `title`.
  Response Page(int status, const std::string& title, const std::string& template_name,
                ViewData data, Context& ctx) const;
  // The content of a page: `template_name` rendered with `data` and the council's name.
  std::string Content(const std::string& template_name, ViewData data) const;
  // A page whose content (from Content) is already rendered, inside the layout: what Page does
  // after rendering its template.
  Response Layout(int status, const std::string& title, std::string content, bool has_errors,
                  const std::string& back_href, Context& ctx) const;
  // A GOV.UK error page: a heading, paragraphs, and optionally one link onwards.
  Response ErrorPage(int status, const std::string& heading,
                     const std::vector<std::string>& paragraphs, Context& ctx,
                     const std::string& link_href = "", const std::string& link_text = "") const;
  // `error` as a JSON error (API requests) or an error page, with its HTTP status. An internal
  // or unavailable error is logged with a new incident reference (app/incident.h); the answer
  // shows the reference and never the error's own message.
  Response ErrorResponse(const Error& error, Context& ctx) const;

 private:
  Response ReasonPage(const Error& error, Context& ctx) const;
  Response IncidentResponse(const Error& error, Context& ctx) const;
  ViewList Navigation(const Context& ctx) const;

  const SiteOptions& options_;
};

// The service's own address ("https://host") for links sent to people (letters, invitations),
// from the request's Host and X-Forwarded-Proto headers.
std::string BaseUrl(const Request& request);

// Where a signed-in person starts: their caseload, their own support, or the home page.
std::string HomePath(const app::Principal& who);

// A download: `body` as an attachment named `file_name` (no caching: downloads may hold
// personal data). CsvAttachment sets the CSV media type.
Response Attachment(std::string body, const std::string& media_type, const std::string& file_name);
Response CsvAttachment(std::string body, const std::string& file_name);

// Maps an error code to its HTTP status (400s for the caller's faults, 5xx for ours).
int HttpStatusFor(ErrorCode code);

// GOV.UK pagination (templates/partials/pagination.mustache) for page `page` of `total_pages`;
// page links are `base` + "page=N".
void SetPagination(ViewData& d, int page, int total_pages, const std::string& base);

// The three boxes of a GOV.UK date input, as typed.
struct DateParts {
  std::string day;
  std::string month;
  std::string year;
};
// "27", "3", "1950" -> "1950-03-27"; all empty -> "". Malformed parts give a string the date
// validator refuses, so the person sees "Date of birth must be a real date".
std::string IsoDateFromParts(const DateParts& parts);
// The three boxes of a date as typed in a form (fields `field`-day, -month, -year), trimmed.
DateParts PartsOfForm(const std::multimap<std::string, std::string>& form,
                      const std::string& field);
DateParts PartsOfDate(const std::optional<Date>& date);
// A GOV.UK date input (templates/partials/employment_date.mustache): the fieldset's id is `id`,
// the boxes `id`-day, `id`-month and `id`-year.
ViewData DateInputView(const std::string& id, const std::string& legend, const std::string& hint,
                       const DateParts& parts, const std::string& error);
// A group of GOV.UK radios (templates/partials/employment_radio_group.mustache) with `options`
// from ChoiceOptions; `hint` under the legend when not empty; `small` for the small radios.
ViewData RadioGroupView(const std::string& id, const std::string& legend, const std::string& hint,
                        const ViewList& options, const std::string& error, bool small = false);

// A GOV.UK text input, or a textarea when `rows` is set (templates/partials/text_input.mustache).
struct TextInput {
  std::string id;  // Also the field's name.
  std::string label;
  std::string hint;
  std::string type = "text";  // "text", "email", "tel".
  std::string autocomplete;   // An autocomplete token ("given-name"), or "".
  std::string width;          // A GOV.UK width class ("govuk-input--width-10"), or "".
  std::string rows;           // A textarea's rows ("4"); "" for a one-line input.
};
ViewData TextInputView(const TextInput& in, const std::string& value, const std::string& error);

}  // namespace selfdirect::web
