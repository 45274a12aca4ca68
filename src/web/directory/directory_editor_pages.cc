// The directory editors' pages: entries due for checking, the form to add or change an entry, the
// import page and the exported files it links to.
#include <map>

#include "app/directory/directory_feed.h"
#include "app/directory/hsds_csv.h"
#include "app/passwords.h"
#include "base/limits.h"
#include "base/text.h"
#include "web/directory/directory_form.h"
#include "web/directory/directory_form_view.h"
#include "web/directory/directory_routes.h"

namespace selfdirect::web {

namespace {

// The profile's CSV file names, with an empty directory's text: the files an export writes.
const std::map<std::string, std::string>& ProfileCsvFiles() {
  static const std::map<std::string, std::string> files =
      app::HsdsCsvFiles({}, app::DefaultTaxonomy());
  return files;
}

// An entry for the form to change: the stored one, or a new one with fresh ids.
Result<domain::DirectoryService> EntryToChange(app::DirectoryService& directory, CouncilId council,
                                               const std::string& id) {
  if (id.empty()) {
    domain::DirectoryService fresh;
    fresh.id = app::RandomUuid();
    fresh.organization.id = app::RandomUuid();
    return fresh;
  }
  auto entry = directory.Get(council, id);
  if (!entry.ok()) return entry.error();
  return entry->service;
}

// An organisation already in the directory with the name on the form: the entry joins it (its
// id, description and email; the website typed on the form, else its own), so the feed lists
// one organisation, not two of the same name.
Status JoinNamedOrganisation(app::DirectoryService& directory, CouncilId council,
                             domain::DirectoryOrganization& organisation) {
  auto named = directory.OrganisationNamed(council, organisation.name);
  if (!named.ok()) return named.error();
  if (*named) {
    const std::string url = organisation.url;
    organisation = **named;
    if (!url.empty()) organisation.url = url;
  }
  return OkStatus();
}

// Messages said of a field ("must not be below the minimum age") get its name in front.
void NameFieldsInMessages(std::vector<FieldError>& errors) {
  for (auto& e : errors) {
    if (!e.message.empty() && std::islower(static_cast<unsigned char>(e.message[0]))) {
      const std::string label = DirectoryFormLabel(e.field);
      e.message = (label.empty() ? "This" : label) + " " + e.message;
    }
  }
}

// The files chosen on the import page: one JSON feed, or the profile's CSV files by name.
struct ChosenFiles {
  const FormPart* json = nullptr;
  std::map<std::string, std::string> csv;
};

// The files among `parts`, or what is wrong with the choice (the message, as an error).
Result<ChosenFiles> ReadChosenFiles(const std::vector<FormPart>& parts) {
  const std::map<std::string, std::string>& profile_files = ProfileCsvFiles();
  ChosenFiles chosen;
  int count = 0;
  for (const auto& p : parts) {
    // A file input with nothing chosen sends one part with an empty name.
    if (p.name != "files" || !p.filename || p.filename->empty()) continue;
    ++count;
    const std::string name = AsciiLower(*p.filename);
    if (name.ends_with(".json")) {
      if (chosen.json) return Error::InvalidArgument("Choose one JSON file at a time");
      chosen.json = &p;
    } else if (name.ends_with(".csv")) {
      if (!profile_files.count(name)) {
        std::string names;
        for (const auto& [known, text] : profile_files)
          names += (names.empty() ? "" : ", ") + known;
        return Error::InvalidArgument(*p.filename + " is not one of the profile's files (" + names +
                                      ")");
      }
      if (!chosen.csv.emplace(name, p.data).second) {
        return Error::InvalidArgument("Two files are called " + name);
      }
    } else {
      return Error::InvalidArgument(*p.filename + " is not a .json or .csv file");
    }
  }
  if (count == 0) return Error::InvalidArgument("Choose a JSON file or CSV files to import");
  if (chosen.json && !chosen.csv.empty()) {
    return Error::InvalidArgument("Choose a JSON file or CSV files, not both");
  }
  return chosen;
}

ViewList FieldViews(const std::vector<FieldError>& fields) {
  ViewList views;
  for (const auto& f : fields) {
    ViewData v;
    v.set("field", f.field);
    v.set("message", f.message);
    views.push_back(v);
  }
  return views;
}

// Each row with problems, and each problem by field.
ViewList ProblemViews(const app::ImportReport& report) {
  ViewList problems;
  for (const auto& p : report.problems) {
    ViewData v;
    // Row 0 of a file: the file as a whole ("services.csv: file is required").
    v.set("where", p.file.empty() ? "Service " + std::to_string(p.row)
                   : p.row == 0   ? p.file
                                  : p.file + " row " + std::to_string(p.row));
    v.set("id", p.id);
    v.set("fields", FieldViews(p.fields));
    problems.push_back(v);
  }
  return problems;
}

// The summary's line for a report that stored nothing.
FieldError ProblemsSummary(const app::ImportReport& report) {
  const size_t count = report.problems.size();
  return {"problems", std::to_string(count) +
                          (count == 1 ? " row has a problem" : " rows have problems") +
                          ", so nothing was stored. Correct them and upload the files again"};
}

// A link to download each of the profile's CSV files.
ViewList ExportLinks() {
  ViewList exports;
  for (const auto& [name, text] : ProfileCsvFiles()) {
    ViewData v;
    v.set("name", name);
    v.set("href", "/directory/export/" + name);
    exports.push_back(v);
  }
  return exports;
}

}  // namespace

Response DirectoryRoutes::DirectoryMarkReviewed(Context& ctx) {
  auto r = directory_.MarkReviewed(ctx.call, *ctx.principal, ctx.request.path_params["id"]);
  if (!r.ok()) return ErrorResponse(r.error(), ctx);
  return Response::Redirect("/directory/services/" + r->service.id);
}

Response DirectoryRoutes::DirectoryReviewPage(Context& ctx) {
  const int page_number = std::max(1, std::atoi(ctx.request.Query("page").c_str()));
  auto page = directory_.Stale(ctx.call, *ctx.principal, page_number);
  if (!page.ok()) return ErrorResponse(page.error(), ctx);
  ViewData d;
  ViewList results;
  for (const auto& item : page->items) {
    ViewData v;
    v.set("href", "/directory/services/" + item.service.id);
    v.set("name", item.service.name);
    v.set("organisation", item.service.organization.name);
    v.set("review_due", item.review_due);
    results.push_back(v);
  }
  d.set("results", results);
  d.set("has_results", !results.empty());
  d.set("result_text", page->total == 0 ? std::string("No entries are due for checking.")
                                        : std::to_string(page->total) + " entries to check");
  SetPagination(d, page->page, static_cast<int>(page->total_pages()), "/directory/review?");
  return Page(200, "Directory entries to check", "directory_review", d, ctx);
}

Response DirectoryRoutes::DirectoryNewPage(Context& ctx) {
  domain::DirectoryService blank;
  return RenderDirectoryForm(200, DirectoryFormValues(blank, ""), {}, "", ctx);
}

Response DirectoryRoutes::DirectoryEditPage(Context& ctx) {
  const std::string id = ctx.request.path_params["id"];
  auto entry = directory_.Get(options_.council.id, id);
  if (!entry.ok()) return ErrorResponse(entry.error(), ctx);
  return RenderDirectoryForm(200, DirectoryFormValues(entry->service, entry->review_due), {},
                             entry->service.id, ctx);
}

Response DirectoryRoutes::DirectoryFormSubmit(Context& ctx) {
  auto form = ctx.request.Form();
  if (!form) return ErrorResponse(Error::InvalidArgument("The form could not be read"), ctx);
  const std::string id = ctx.request.path_params["id"];
  auto stored = EntryToChange(directory_, options_.council.id, id);
  if (!stored.ok()) return ErrorResponse(stored.error(), ctx);
  DirectoryFormInput in = ReadDirectoryForm(*form, *stored, &app::RandomUuid);
  std::vector<FieldError> errors = in.errors;
  // An organisation named on a new entry, or named instead of the entry's own, may be one the
  // directory has already.
  if (errors.empty() && (id.empty() || AsciiLower(in.service.organization.name) !=
                                           AsciiLower(stored->organization.name))) {
    Status joined = JoinNamedOrganisation(directory_, options_.council.id, in.service.organization);
    if (!joined.ok()) return ErrorResponse(joined.error(), ctx);
  }
  if (errors.empty()) {
    auto saved = directory_.Save(ctx.call, *ctx.principal, in.service, in.review_due);
    if (saved.ok())
      return Response::Redirect("/directory/services/" + saved->service.id + "?saved=1");
    if (saved.error().code != ErrorCode::kInvalidArgument) return ErrorResponse(saved.error(), ctx);
    for (const auto& f : saved.error().fields) {
      errors.push_back({DirectoryFormField(f.field, in), f.message});
    }
  }
  NameFieldsInMessages(errors);
  return RenderDirectoryForm(422, *form, errors, id, ctx);
}

Response DirectoryRoutes::RenderDirectoryForm(int status,
                                              const std::multimap<std::string, std::string>& values,
                                              const std::vector<FieldError>& errors,
                                              const std::string& id, Context& ctx) {
  ViewData d = DirectoryFormView(values, errors, directory_.taxonomy());
  d.set("csrf_token", ctx.principal->session.csrf_token);
  const bool is_new = id.empty();
  d.set("action", is_new ? std::string("/directory/new") : "/directory/services/" + id + "/edit");
  d.set("back_href", is_new ? std::string("/directory/review") : "/directory/services/" + id);
  const std::string name = FormValue(values, "name");
  const std::string heading = is_new ? std::string("Add a directory entry")
                                     : "Change " + (name.empty() ? "the entry" : name);
  d.set("heading", heading);
  return Page(status, heading, "directory_edit", d, ctx);
}

Response DirectoryRoutes::DirectoryImportPage(Context& ctx) {
  return RenderDirectoryImport(200, {}, nullptr, ctx);
}

Response DirectoryRoutes::DirectoryImportSubmit(Context& ctx) {
  auto fail = [&](const std::string& message) {
    return RenderDirectoryImport(422, {{"files", message}}, nullptr, ctx);
  };
  auto parts = ParseMultipartForm(ctx.request.Header("content-type"), ctx.request.body);
  if (!parts) return fail("The upload could not be read. Choose the files again");
  auto chosen = ReadChosenFiles(*parts);
  if (!chosen.ok()) return fail(chosen.error().message);
  auto feed = chosen->json ? app::DirectoryFeedFromJson(chosen->json->data, directory_.taxonomy())
                           : Result<app::DirectoryFeed>(
                                 app::DirectoryFeedFromCsv(chosen->csv, directory_.taxonomy()));
  auto report = feed.ok() ? directory_.Import(ctx.call, *ctx.principal, std::move(*feed))
                          : Result<app::ImportReport>(feed.error());
  if (!report.ok()) {
    if (report.error().code != ErrorCode::kInvalidArgument) {
      return ErrorResponse(report.error(), ctx);
    }
    // The feed as a whole could not be read (not JSON, no services.csv): say why at the input.
    std::string message = report.error().message;
    for (const auto& f : report.error().fields) message += ": " + f.message;
    return fail(message);
  }
  return RenderDirectoryImport(report->applied ? 200 : 422, {}, &*report, ctx);
}

Response DirectoryRoutes::DirectoryExportFile(Context& ctx) {
  const std::string name = ctx.request.path_params["file"];
  auto files = exports_.Csv(options_.council.id);
  if (!files.ok()) return ErrorResponse(files.error(), ctx);
  auto it = files->find(name);
  if (it == files->end()) {
    return ErrorResponse(Error::NotFound("The directory has no export called " + name), ctx);
  }
  Response r = Response::Text(200, it->second);
  r.SetHeader("Content-Type", "text/csv; charset=utf-8");
  r.SetHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
  return r;
}

Response DirectoryRoutes::RenderDirectoryImport(int status, const std::vector<FieldError>& errors,
                                                const app::ImportReport* report, Context& ctx) {
  ViewData d;
  d.set("csrf_token", ctx.principal->session.csrf_token);
  d.set("limit_mb", std::to_string(limits::kMaxUploadBodyBytes >> 20));
  std::vector<FieldError> summary = errors;
  std::string files_error;
  for (const auto& e : errors) {
    if (e.field == "files") files_error = e.message;
  }
  d.set("files_error", files_error);
  d.set("imported", std::string());
  ViewList problems;
  if (report && report->applied) {
    d.set("imported",
          "Imported " + std::to_string(report->rows) + (report->rows == 1 ? " entry" : " entries"));
    d.set("imported_detail", std::to_string(report->added) + " added, " +
                                 std::to_string(report->updated) + " changed, " +
                                 std::to_string(report->unchanged) + " already the same.");
  } else if (report) {
    summary.push_back(ProblemsSummary(*report));
    problems = ProblemViews(*report);
  }
  d.set("problems", problems);
  d.set("has_problems", !problems.empty());
  d.set("exports", ExportLinks());
  SetErrorSummary(d, summary);
  return Page(status, "Import directory entries", "directory_import", d, ctx);
}

}  // namespace selfdirect::web
