// File: reference_data.h
// The one loader of the reference data shipped with Selfdirect (compiled in by
// cmake/embed_files.cmake): statutory figures that change on a date (data/reference/charging/,
// data/reference/planning/) and the default definitions (data/ras/, data/questionnaires/).
//
// Each .json file is read with the area's parser; a file that is not JSON, or that the parser
// refuses, is an error that names the file ("data/reference/planning/england-2026-27.json: The PA
// reference data is not valid: ..."). Effective-dated data is kept oldest first, and gives the
// version in force on a date (the latest effective date on or before it, base/effective_dated.h)
// and every version with the file and JSON it came from.
//
// Example:
//   const auto& rates = ShippedReference(EffectiveDatedData<PaEmploymentRates>::Load(
//       "data/reference/planning", embedded::PaRates(), PaRatesFromJson, "PA employment rates"));
//   Result<const PaEmploymentRates*> r = rates.On(date, "costing_date");
#pragma once

#include <algorithm>
#include <boost/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "app/json_reader.h"
#include "base/date.h"
#include "base/effective_dated.h"
#include "base/embedded_file.h"
#include "base/result.h"

namespace selfdirect::app {

// Reads what every reference file opens with: "id", "title" and "effective_from": {"date": ...}
// into `t`, naming each problem in `r`.
template <typename T>
void ReadReferenceHead(JsonReader& r, const boost::json::object& o, T& t) {
  t.id = r.String(o, "", "id", Required::kYes);
  t.title = r.String(o, "", "title", Required::kYes);
  if (auto* e = o.if_contains("effective_from"); e && e->is_object()) {
    if (auto d = r.DateField(e->get_object(), "effective_from", "date", Required::kYes))
      t.effective_from = *d;
  } else {
    r.Fail("effective_from", "must be an object with a date and its status");
  }
}

// An area's reader of one file of reference data.
template <typename T>
using ReferenceParser = Result<T> (*)(const boost::json::value& json);

// One file of reference data, read.
template <typename T>
struct ReferenceFile {
  T value;
  std::string file;          // "data/reference/charging/england-2025-26.json".
  boost::json::object json;  // What it was read from (empty when the file is not an object).
};

namespace reference_internal {
// "FOLDER/PATH" as the file is named in messages.
std::string FileName(std::string_view folder, std::string_view path);
// `error` with the file's name in front of its message (its field errors kept).
Error InFile(const std::string& file, Error error);
// Parses the text of `file` as JSON; kInvalidArgument naming the file if it is not.
Result<boost::json::value> ParseFile(const std::string& file, std::string_view text);
bool IsJsonFile(std::string_view path);
[[noreturn]] void ShippedDataBroken(const Error& error);
}  // namespace reference_internal

// Reads each .json file of `files` (embedded from `folder`) with `parse`, in the order given.
// kInvalidArgument naming the file at the first that is not JSON or that `parse` refuses.
template <typename T>
Result<std::vector<ReferenceFile<T>>> ReadReferenceFiles(
    std::string_view folder, const std::vector<embedded::EmbeddedFile>& files,
    ReferenceParser<T> parse) {
  std::vector<ReferenceFile<T>> out;
  for (const auto& f : files) {
    if (!reference_internal::IsJsonFile(f.path)) continue;
    std::string file = reference_internal::FileName(folder, f.path);
    SD_ASSIGN_OR_RETURN(boost::json::value json, reference_internal::ParseFile(file, f.content));
    Result<T> value = parse(json);
    if (!value.ok()) return reference_internal::InFile(file, value.error());
    boost::json::object object =
        json.is_object() ? std::move(json.get_object()) : boost::json::object{};
    out.push_back({std::move(*value), std::move(file), std::move(object)});
  }
  return out;
}

// Versions of one kind of figures (each a T with a Date `effective_from`), oldest first.
template <typename T>
class EffectiveDatedData {
 public:
  // Reads the files (see ReadReferenceFiles) and orders them by effective date. `what` names the
  // figures in messages ("charging rates"). Two versions from the same date are an error naming
  // both files; so is a folder with no version.
  static Result<EffectiveDatedData> Load(std::string_view folder,
                                         const std::vector<embedded::EmbeddedFile>& files,
                                         ReferenceParser<T> parse, std::string what) {
    SD_ASSIGN_OR_RETURN(auto read, ReadReferenceFiles<T>(folder, files, parse));
    if (read.empty()) return Error::InvalidArgument(std::string(folder) + " holds no " + what);
    std::stable_sort(read.begin(), read.end(), [](const auto& a, const auto& b) {
      return a.value.effective_from < b.value.effective_from;
    });
    for (size_t i = 1; i < read.size(); ++i) {
      if (read[i].value.effective_from == read[i - 1].value.effective_from)
        return Error::InvalidArgument(read[i - 1].file + " and " + read[i].file +
                                      " both take effect on " +
                                      read[i].value.effective_from.ToString());
    }
    EffectiveDatedData data;
    data.what_ = std::move(what);
    for (size_t i = 0; i < read.size(); ++i) {
      data.versions_.push_back(std::move(read[i].value));
      data.files_.push_back(std::move(read[i].file));
      data.json_.push_back(std::move(read[i].json));
    }
    return data;
  }

  // Every version, oldest first, with the file and JSON each came from (same index).
  const std::vector<T>& versions() const { return versions_; }
  const std::string& file(size_t i) const { return files_[i]; }
  const boost::json::object& json(size_t i) const { return json_[i]; }
  // The JSON of the version with this id, or null.
  const boost::json::object* JsonOf(std::string_view id) const {
    for (size_t i = 0; i < versions_.size(); ++i)
      if (versions_[i].id == id) return &json_[i];
    return nullptr;
  }

  // The version in force on `date`, or null before the first.
  const T* InForceOn(Date date) const { return selfdirect::InForceOn(versions_, date); }

  // The version in force on `date`; before the first, kInvalidArgument "There are no <what> for
  // <date>: the earliest start on <first>" with `field` "must be on or after <first> (no
  // reference data before)".
  Result<const T*> On(Date date, std::string_view field) const {
    if (const T* t = InForceOn(date)) return t;
    std::string first = versions_.front().effective_from.ToString();
    return Error::InvalidArgument(
        "There are no " + what_ + " for " + date.ToString() + ": the earliest start on " + first,
        {{std::string(field), "must be on or after " + first + " (no reference data before)"}});
  }

 private:
  std::string what_;
  std::vector<T> versions_;
  std::vector<std::string> files_;
  std::vector<boost::json::object> json_;
};

// The shipped data read by a loader above. Shipped files are tested, so one that cannot be read
// is a broken build: the program stops, printing the error (which names the file).
template <typename T>
T ShippedReference(Result<T> loaded) {
  if (!loaded.ok()) reference_internal::ShippedDataBroken(loaded.error());
  return std::move(*loaded);
}

}  // namespace selfdirect::app
