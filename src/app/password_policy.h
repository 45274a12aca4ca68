// File: password_policy.h
// The rules for a password someone chooses (setting it from an invitation or after a reset),
// after OWASP ASVS 4.0.3 section 2.1 (docs/security.md): at least limits::kMinPasswordChars
// characters (runs of spaces count as one) and at most limits::kMaxPasswordChars, any
// characters (spaces, any language), no rules about capitals, digits or symbols, and not one of
// the most common passwords (data/passwords/common.txt, compiled in) or one of them with only
// digits, symbols or spaces around it or repeated, nor the person's own email address or name.
#pragma once

#include <string>
#include <string_view>

namespace selfdirect::app {

// "" when `password` may be used by the person with `email` and `name`; otherwise what to tell
// them (for the password field's error message).
std::string PasswordProblem(std::string_view password, std::string_view email,
                            std::string_view name);

// True when `word` (compared in lower case) is on the list of common passwords.
bool IsCommonPassword(std::string_view word);

}  // namespace selfdirect::app
