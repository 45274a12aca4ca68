// File: limits.h
// Every limit in Selfdirect, in one place, each with its reason. A limit bounds memory, time or
// the damage a bad client can do; hitting one is a clear error, never a crash.
#pragma once

#include <cstddef>
#include <cstdint>

namespace selfdirect::limits {

// HTTP.
// The largest request body: forms and JSON documents are small; imports stream from the CLI.
inline constexpr size_t kMaxRequestBodyBytes = 1 << 20;  // 1 MiB.
// The largest multipart/form-data body: files uploaded from a page (a directory feed or CSV
// files). Larger feeds go through the command line.
inline constexpr size_t kMaxUploadBodyBytes = 16 << 20;  // 16 MiB.
// File uploads one signed-in person may be sending at once: each is held in a temporary file
// (not memory) while it arrives, and read into memory only to be handled, so this bounds what
// one person's uploads can hold. A further one is answered 429 at once, before its body is read.
inline constexpr int kMaxUploadsPerUser = 2;
// The largest request head (request line and headers): browsers send under 8 KiB.
inline constexpr size_t kMaxRequestHeaderBytes = 16 * 1024;
// A client must send a whole request head within this time, or it is a slow client and dropped.
inline constexpr int kRequestReadTimeoutSeconds = 15;
// An idle keep-alive connection is closed after this time.
inline constexpr int kKeepAliveIdleSeconds = 60;
// Writing a response must finish within this time.
inline constexpr int kResponseWriteTimeoutSeconds = 30;
// Open connections at once: beyond this new ones are closed at once (file descriptors are finite).
inline constexpr int kMaxOpenConnections = 4096;
// Time in-flight requests get to finish after SIGTERM before the server stops anyway.
inline constexpr int kShutdownGraceSeconds = 10;

// Lists and paging.
inline constexpr int kDefaultPageSize = 25;
inline constexpr int kMaxPageSize = 100;
// Deep paging past this is refused: use search instead (and it keeps OFFSET scans bounded).
inline constexpr int kMaxPageNumber = 10'000;
inline constexpr size_t kMaxSearchQueryChars = 100;

// Accounts and sessions.
inline constexpr int kSessionIdleSeconds = 30 * 60;           // Signed out after 30 idle minutes.
inline constexpr int kSessionAbsoluteSeconds = 12 * 60 * 60;  // And after 12 hours regardless.
// The most of a browser's User-Agent header kept with its session (migration 0045).
inline constexpr size_t kMaxUserAgentChars = 200;
inline constexpr int kSignInFailuresBeforeLock = 5;  // Per account, within the window.
// Past this many failures from one client address, its sign-in answers are slowed down (never
// refused: behind a shared proxy or network, other people's failures must not lock anyone out):
// by kSignInAddressDelayStepMs for each failure over the limit, up to kSignInAddressDelayMaxMs.
inline constexpr int kSignInFailuresPerAddressBeforeSlowing = 20;
inline constexpr int64_t kSignInAddressDelayStepMs = 250;
inline constexpr int64_t kSignInAddressDelayMaxMs = 5'000;
inline constexpr int kSignInWindowSeconds = 15 * 60;
inline constexpr size_t kMaxThrottleEntries = 100'000;  // Bounded memory for the throttle table.
// Unsafe requests (POST) from one client address to the routes anyone may call unsigned (survey
// answers, setting a password, the calculators), within the window; then 429 until it passes.
inline constexpr int kPublicFormPostsPerAddress = 60;
inline constexpr int kPublicFormWindowSeconds = 10 * 60;
// The public "Ask for help" form (app/front_door): requests per client address and for the whole
// council within one window; more are refused with "try again later" (and the phone advice).
inline constexpr int kContactsPerAddress = 5;
inline constexpr int kContactsPerCouncil = 500;
inline constexpr int kContactWindowSeconds = 60 * 60;
// How long an invitation link to an account works.
inline constexpr int kInvitationDays = 14;
// The queue of requests for help shows at most this many at once.
inline constexpr int kMaxContactsShown = 200;
// A new password: 12 to 128 characters (ASVS 4.0.3 2.1.1 and 2.1.2; runs of spaces count as one).
inline constexpr size_t kMinPasswordChars = 12;
inline constexpr size_t kMaxPasswordChars = 128;
// Bytes of a password offered at sign-in (128 characters of up to 4 bytes): argon2id hashes any
// length; this bounds the work.
inline constexpr size_t kMaxPasswordBytes = 512;
// Password hashes at once: each argon2id hash takes 64 MiB and ~75 ms of one core.
inline constexpr int kPasswordHashThreads = 2;
// Sign-ins waiting for a hashing thread; beyond this the server answers 503.
inline constexpr int kMaxQueuedPasswordHashes = 64;

// People records.
inline constexpr size_t kMaxNameChars = 100;
inline constexpr size_t kMaxEmailChars = 254;  // RFC 5321 path limit.

// Demo.
inline constexpr int kMaxDemoPeople = 100'000;

}  // namespace selfdirect::limits
