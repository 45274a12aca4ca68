#include "domain/charging/evidence_file.h"

namespace selfdirect::domain {

std::string_view EvidenceFileMediaType(EvidenceFileType t) {
  switch (t) {
    case EvidenceFileType::kPdf:
      return "application/pdf";
    case EvidenceFileType::kJpeg:
      return "image/jpeg";
    case EvidenceFileType::kPng:
      return "image/png";
  }
  return "application/octet-stream";
}

std::optional<EvidenceFileType> DetectEvidenceFile(std::string_view bytes) {
  if (bytes.starts_with("%PDF-")) return EvidenceFileType::kPdf;
  if (bytes.starts_with("\xFF\xD8\xFF")) return EvidenceFileType::kJpeg;
  if (bytes.starts_with(std::string_view("\x89PNG\r\n\x1A\n", 8))) return EvidenceFileType::kPng;
  return std::nullopt;
}

std::string SafeFileName(std::string_view name) {
  const size_t slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name = name.substr(slash + 1);
  std::string out;
  for (char c : name) {
    const bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                      c == ' ' || c == '.' || c == '-' || c == '_' || c == '(' || c == ')';
    if (keep && out.size() < 100) out += c;
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  return out.empty() ? "document" : out;
}

}  // namespace selfdirect::domain
