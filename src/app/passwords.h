// File: passwords.h
// Password hashing with argon2id (libsodium crypto_pwhash_str, "interactive" limits: 2 passes,
// 64 MiB). Hashing and verifying take about 75 ms of one core and 64 MiB each, so the web layer
// runs them on a small bounded pool, never on an I/O thread.
//
// Session and CSRF tokens: 32 random bytes, base64url. The database keeps only a BLAKE2b-256 hash
// of a session token, so a copy of the database cannot be used to sign in.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace selfdirect::app {

// Must be called once before any other function here (initialises libsodium). Thread-safe.
void InitialiseCrypto();

Result<std::string> HashPassword(std::string_view password);
// True when `password` matches `encoded_hash`. A malformed hash is simply "no match".
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);
// A hash that no password matches, with the same cost to verify: used for unknown emails so
// that timing does not reveal which accounts exist.
const std::string& DummyPasswordHash();

// A random token for cookies and forms: 32 random bytes as 43 base64url characters.
std::string RandomToken();
// A random (version 4) UUID, lower case: 122 random bits, for identifiers other systems keep
// (directory entries, whose ids the Open Referral UK profile wants as UUIDs).
std::string RandomUuid();
// Hex BLAKE2b-256 of `token`.
std::string TokenHash(std::string_view token);
// Constant-time comparison of two strings.
bool SecureEquals(std::string_view a, std::string_view b);
// A readable random password for demo accounts: four groups of four lower-case letters/digits.
std::string RandomDemoPassword();
// Standard base64 (RFC 4648, with padding) of `bytes`, and back (nullopt if it is not base64).
std::string Base64Encode(std::string_view bytes);
std::optional<std::string> Base64Decode(std::string_view text);
// Hex SHA-256 of `bytes` (for checking a stored document).
std::string Sha256Hex(std::string_view bytes);

}  // namespace selfdirect::app
