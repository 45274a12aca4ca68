// File: golden_case.h
// Reading the golden case files the tests share (tests/cases/*/*.case), written for a policy or
// finance officer to read:
//   # What the case shows and the rule or source behind it (comment lines).
//   table: small-bands.json          (header lines "key: value", optional)
//   input:                           (a section: the lines up to the next section, kept as text)
//   {...}
//   expect:                          (the expected figures, "key: value" a line)
//   weekly_charge: 133.55
// Test code only.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace selfdirect::testing {

struct GoldenCase {
  std::string name;                             // The file's stem.
  std::map<std::string, std::string> header;    // "table" -> "small-bands.json".
  std::map<std::string, std::string> sections;  // "input" -> the text under "input:".
  std::map<std::string, std::string> expect;    // "weekly_charge" -> "133.55".
};

inline GoldenCase LoadGoldenCase(const std::filesystem::path& path) {
  GoldenCase c;
  c.name = path.stem().string();
  std::ifstream in(path);
  std::string line, section;
  while (std::getline(in, line)) {
    if (section.empty() && (line.empty() || line[0] == '#')) continue;
    if (!line.empty() && line.back() == ':' && line.find(' ') == std::string::npos) {
      section = line.substr(0, line.size() - 1);
      continue;
    }
    auto colon = line.find(": ");
    if (section.empty()) {
      if (colon != std::string::npos) c.header[line.substr(0, colon)] = line.substr(colon + 2);
    } else if (section == "expect") {
      if (colon != std::string::npos) c.expect[line.substr(0, colon)] = line.substr(colon + 2);
    } else {
      c.sections[section] += line + "\n";
    }
  }
  return c;
}

// The .case files of a folder, sorted by name.
inline std::vector<std::filesystem::path> GoldenCaseFiles(const std::filesystem::path& folder) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(folder))
    if (e.path().extension() == ".case") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// A test name for a case file ("capital-01-exactly" -> "capital_01_exactly").
inline std::string GoldenTestName(const std::filesystem::path& path) {
  std::string name = path.stem().string();
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

}  // namespace selfdirect::testing
