#include "app/password_policy.h"

#include <unordered_set>
#include <vector>

#include "base/embedded_file.h"
#include "base/limits.h"
#include "base/text.h"

namespace selfdirect::embedded {
const std::vector<EmbeddedFile>& CommonPasswords();
}  // namespace selfdirect::embedded

namespace selfdirect::app {
namespace {

const std::unordered_set<std::string_view>& CommonList() {
  static const std::unordered_set<std::string_view> list = [] {
    std::unordered_set<std::string_view> words;
    for (const auto& file : embedded::CommonPasswords()) {
      std::string_view text = file.content;
      while (!text.empty()) {
        size_t end = text.find('\n');
        std::string_view line = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        if (!line.empty() && line.front() != '#') words.insert(line);
      }
    }
    return words;
  }();
  return list;
}

// Characters, counting a UTF-8 sequence as one and a run of spaces as one (ASVS 2.1.1).
size_t CharacterCount(std::string_view password) {
  size_t count = 0;
  for (size_t i = 0; i < password.size(); ++i) {
    const auto c = static_cast<unsigned char>(password[i]);
    if ((c & 0xC0) == 0x80) continue;                           // A continuation byte.
    if (c == ' ' && i > 0 && password[i - 1] == ' ') continue;  // Still the same run of spaces.
    ++count;
  }
  return count;
}

bool IsPadding(char c) {
  const auto u = static_cast<unsigned char>(c);
  return u < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

// `text` without the digits, symbols and spaces at either end, in lower case.
std::string Core(std::string_view text) {
  size_t begin = 0, end = text.size();
  while (begin < end && IsPadding(text[begin])) ++begin;
  while (end > begin && IsPadding(text[end - 1])) --end;
  return AsciiLower(text.substr(begin, end - begin));
}

// True when `text` is a shorter piece said again and again ("abcabcabc", "passwordpassword"),
// where the piece is short or common.
bool IsRepeatedPiece(const std::string& text) {
  for (size_t piece = 1; piece <= text.size() / 2; ++piece) {
    if (text.size() % piece != 0) continue;
    bool repeats = true;
    for (size_t i = piece; i < text.size() && repeats; ++i) repeats = text[i] == text[i - piece];
    if (repeats && (piece <= 4 || IsCommonPassword(text.substr(0, piece)))) return true;
  }
  return false;
}

}  // namespace

bool IsCommonPassword(std::string_view word) { return CommonList().count(AsciiLower(word)) > 0; }

std::string PasswordProblem(std::string_view password, std::string_view email,
                            std::string_view name) {
  if (CharacterCount(password) < limits::kMinPasswordChars)
    return "Enter a password of " + std::to_string(limits::kMinPasswordChars) +
           " characters or more";
  // Sign-in reads at most kMaxPasswordBytes: a longer one (runs of spaces count once here) could
  // never be used.
  if (CharacterCount(password) > limits::kMaxPasswordChars ||
      password.size() > limits::kMaxPasswordBytes)
    return "Enter a password of " + std::to_string(limits::kMaxPasswordChars) +
           " characters or fewer";
  const std::string core = Core(password);
  const std::string lower_email = AsciiLower(Trim(email));
  const std::string local = lower_email.substr(0, lower_email.find('@'));
  const std::string lower_name = AsciiLower(Trim(name));
  const bool guessable = core.empty() || IsCommonPassword(core) || IsRepeatedPiece(core) ||
                         IsCommonPassword(password) || core == lower_email ||
                         (local.size() >= 4 && core == local) ||
                         (!lower_name.empty() && Core(lower_name) == core) || core == "selfdirect";
  if (guessable) {
    return "Choose a password that is harder to guess: this one is a common password, or close "
           "to one, or your own name or email address. A few words you will remember make a "
           "good password";
  }
  return "";
}

}  // namespace selfdirect::app
