// File: server.h
// The HTTP/1.1 server: Boost.Beast on Asio C++20 coroutines. It enforces the request limits of
// limits.h (head and body size, read and write timeouts, open connections), writes one structured
// access-log line per request, runs slow handlers (password hashing) on a small bounded pool, and
// shuts down gracefully on SIGTERM or SIGINT: it stops accepting, lets in-flight requests finish
// (up to limits::kShutdownGraceSeconds), then returns.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "web/http/message.h"

namespace selfdirect::web {

// What may be read of a request's body: at most `limit` bytes. A file upload that a signed-in
// caller may make names them in `uploader`: the server holds its body in a temporary file (never
// in memory) while it arrives, and lets each uploader send limits::kMaxUploadsPerUser at once.
struct BodyAllowance {
  size_t limit = 0;
  std::string uploader;
};

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;
  // Answers a request. Must not throw for bad input; a thrown exception is logged and answered 500.
  virtual Response Handle(Request& request) = 0;
  // True when the request's handler is slow CPU work (argon2id) that must not run on an I/O thread.
  virtual bool RunsOffIoThread(const Request& request) const = 0;
  // What to read of the body of a request whose head (no body yet) is `head`: called before the
  // body is read, so that large bodies are read only for callers allowed to send them.
  virtual BodyAllowance BodyLimit(const Request& head) = 0;
  // The response to send when the slow-work queue is full.
  virtual Response Overloaded(const Request& request) const = 0;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  int io_threads = 1;  // One I/O thread is fastest on two cores (docs/performance.md).
  bool access_log = true;
  // A client must send a whole request head within this time (slow clients are dropped).
  int read_timeout_seconds = 15;
  // Reverse proxies (IP addresses as text) whose X-Forwarded-For header names the client. From
  // any other peer the header is ignored, so a client cannot choose its own address.
  std::vector<std::string> trusted_proxies;
  // The service is reached over HTTPS (a TLS-terminating proxy in front): every response also
  // carries Strict-Transport-Security (set by --secure-cookies).
  bool strict_transport_security = false;
  // Where uploads are held while they arrive (each file is unlinked as soon as it is opened, so
  // nothing is left behind); empty: the system's temporary directory.
  std::string upload_dir;
  // Called once the socket is listening, with the bound port (useful with port 0).
  std::function<void(uint16_t)> on_listening;
};

// Runs until SIGTERM/SIGINT. kUnavailable if the address cannot be bound.
Status RunServer(const ServerOptions& options, RequestHandler& handler);

}  // namespace selfdirect::web
