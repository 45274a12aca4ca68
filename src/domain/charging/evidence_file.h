// File: evidence_file.h
// A document kept as evidence for an item of a financial assessment (a bank statement, an award
// letter): what may be stored. The type is read from the file's own first bytes, never from its
// name or the browser's word: a PDF, a JPEG or a PNG photo. Its name is cut to safe characters
// (no folders), so it is only ever a label.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace selfdirect::domain {

// The largest evidence document: 5 MiB (a phone photo of a letter, a few statement pages).
inline constexpr size_t kMaxEvidenceFileBytes = 5u << 20;

enum class EvidenceFileType { kPdf, kJpeg, kPng };
std::string_view EvidenceFileMediaType(EvidenceFileType t);  // "application/pdf"

// The type of `bytes` from its signature (%PDF-, FF D8 FF, the PNG signature); nullopt for
// anything else.
std::optional<EvidenceFileType> DetectEvidenceFile(std::string_view bytes);

// `name` without any folders, with only letters, digits, spaces, '.', '-', '_' and '(' ')' kept,
// at most 100 characters; "document" when nothing is left.
std::string SafeFileName(std::string_view name);

}  // namespace selfdirect::domain
