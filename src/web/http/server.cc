#include "web/http/server.h"

#include <malloc.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "base/limits.h"
#include "base/text.h"

namespace selfdirect::web {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kNoThrow = asio::as_tuple(asio::use_awaitable);

// A live connection, so that shutdown can close the idle ones (waiting for their next request)
// at once instead of waiting out the keep-alive timeout.
struct Connection {
  beast::tcp_stream* stream;
  bool idle = true;  // Read and written only on the connection's strand.
};

struct ServerState {
  RequestHandler& handler;
  const ServerOptions& options;
  asio::thread_pool& slow_pool;
  std::atomic<int> open_connections{0};
  std::atomic<int> queued_slow{0};
  std::atomic<bool> stopping{false};
  std::mutex connections_mutex;
  std::unordered_set<Connection*> connections;  // Guarded by connections_mutex.
  std::mutex uploads_mutex;
  std::unordered_map<std::string, int> uploads;  // Uploads in flight per uploader.

  // Takes one of `uploader`'s upload slots; false when they are all in use.
  bool TakeUploadSlot(const std::string& uploader) {
    std::lock_guard lock(uploads_mutex);
    int& n = uploads[uploader];
    if (n >= limits::kMaxUploadsPerUser) return false;
    ++n;
    return true;
  }
  void ReleaseUploadSlot(const std::string& uploader) {
    std::lock_guard lock(uploads_mutex);
    if (--uploads[uploader] <= 0) uploads.erase(uploader);
  }

  // Closes every connection that is waiting for a request; busy ones close after their response.
  void CloseIdleConnections() {
    std::lock_guard lock(connections_mutex);
    for (Connection* c : connections) {
      asio::post(c->stream->get_executor(), [this, c] {
        // Runs on the connection's strand; re-check that it is still open.
        std::lock_guard relock(connections_mutex);
        // shutdown(receive), not cancel(): a read that is about to start (its initiation still
        // queued) would miss a cancel, but sees end-of-stream after a shutdown.
        if (connections.count(c) && c->idle) {
          beast::error_code ignored;
          c->stream->socket().shutdown(tcp::socket::shutdown_receive, ignored);
        }
      });
    }
  }
};

Request ToRequest(const http::request_header<>& in, std::string body, const std::string& client,
                  bool& ok) {
  Request r;
  r.method = ParseMethod(std::string_view(in.method_string().data(), in.method_string().size()));
  ok = ParseTarget(std::string_view(in.target().data(), in.target().size()), r);
  for (const auto& field : in) {
    r.headers[AsciiLower(std::string_view(
        field.name_string().data(), field.name_string().size()))] = std::string(field.value());
  }
  r.cookies = ParseCookies(r.Header("cookie"));
  r.body = std::move(body);
  r.client_address = client;
  return r;
}

http::response<http::string_body> ToBeast(Response&& r, unsigned version, bool keep_alive,
                                          bool head) {
  http::response<http::string_body> out{static_cast<http::status>(r.status), version};
  out.set(http::field::server, "selfdirect");
  for (auto& [name, value] : r.headers) out.insert(name, value);
  size_t length = r.body.size();
  if (!head) out.body() = std::move(r.body);
  out.keep_alive(keep_alive);
  if (head) {
    out.content_length(length);
  } else if (r.status != 204 && r.status != 304) {
    out.prepare_payload();
  }
  return out;
}

Response PlainError(int status, std::string_view message) {
  return JsonError(status, status == 413 ? "payload_too_large" : "bad_request",
                   std::string(message));
}

asio::awaitable<Response> Dispatch(ServerState& state, Request& request) {
  if (!state.handler.RunsOffIoThread(request)) co_return state.handler.Handle(request);
  if (state.queued_slow.fetch_add(1) >= limits::kMaxQueuedPasswordHashes) {
    state.queued_slow.fetch_sub(1);
    co_return state.handler.Overloaded(request);
  }
  Response response = co_await asio::co_spawn(
      state.slow_pool,
      [&]() -> asio::awaitable<Response> { co_return state.handler.Handle(request); },
      asio::use_awaitable);
  state.queued_slow.fetch_sub(1);
  co_return response;
}

using Parser = http::request_parser<http::string_body>;

// A request as read: its head and body, or why it could not be read.
struct Incoming {
  beast::error_code ec;
  size_t body_limit = limits::kMaxUploadBodyBytes;
  bool too_many_uploads = false;  // The uploader is already sending their most at once.
  bool keep_alive = false;
  http::request_header<> head;
  std::string body;
};

// Holds one of an uploader's slots until it goes out of scope.
class UploadSlot {
 public:
  UploadSlot(ServerState& state, std::string uploader)
      : state_(state), uploader_(std::move(uploader)) {}
  UploadSlot(const UploadSlot&) = delete;
  UploadSlot& operator=(const UploadSlot&) = delete;
  ~UploadSlot() { state_.ReleaseUploadSlot(uploader_); }

 private:
  ServerState& state_;
  std::string uploader_;
};

// What the handler allows for the body of the request whose head `parser` holds: only a file
// upload may be larger than other bodies, so only its head is looked at (the session is read
// from it); every other request keeps the small limit, at no cost.
BodyAllowance AllowanceFor(ServerState& state, const Parser& parser, const std::string& client) {
  const auto& req = parser.get();
  const auto type = req[http::field::content_type];
  if (!IsMultipartForm(std::string_view(type.data(), type.size())))
    return {limits::kMaxRequestBodyBytes, ""};
  bool parsed = false;
  const auto forwarded = req["X-Forwarded-For"];
  const Request head =
      ToRequest(req, "",
                ClientAddress(client, std::string_view(forwarded.data(), forwarded.size()),
                              state.options.trusted_proxies),
                parsed);
  if (!parsed) return {limits::kMaxRequestBodyBytes, ""};
  BodyAllowance allowance = state.handler.BodyLimit(head);
  allowance.limit = std::min(allowance.limit, limits::kMaxUploadBodyBytes);
  return allowance;
}

// Reads an upload's body into a temporary file, unlinked as soon as it is made, then into `in`:
// while a slow upload arrives it holds disk, not memory.
asio::awaitable<void> ReadUpload(ServerState& state, beast::tcp_stream& stream,
                                 beast::flat_buffer& buffer, Parser&& parser, Incoming& in) {
  http::request_parser<http::file_body> to_file{std::move(parser)};
  to_file.body_limit(in.body_limit);
  const std::string dir = state.options.upload_dir.empty()
                              ? std::filesystem::temp_directory_path().string()
                              : state.options.upload_dir;
  static std::atomic<uint64_t> counter{0};
  const std::string path = dir + "/selfdirect-upload-" + std::to_string(::getpid()) + "-" +
                           std::to_string(counter.fetch_add(1));
  auto& file = to_file.get().body();
  file.open(path.c_str(), beast::file_mode::write_new, in.ec);  // Never another's file.
  if (in.ec) co_return;
  std::error_code ignored;
  std::filesystem::remove(path, ignored);  // Open until read; gone from the directory now.
  std::tie(in.ec, std::ignore) = co_await http::async_read(stream, buffer, to_file, kNoThrow);
  in.head = to_file.get().base();
  in.keep_alive = to_file.get().keep_alive();
  if (in.ec) co_return;
  const std::uint64_t size = file.file().size(in.ec);  // value_type::size() is the size at open.
  if (in.ec) co_return;
  in.body.resize(static_cast<size_t>(size));
  file.file().seek(0, in.ec);
  size_t got = 0;
  while (!in.ec && got < in.body.size()) {
    const size_t n = file.file().read(in.body.data() + got, in.body.size() - got, in.ec);
    if (n == 0) break;  // The file is shorter than it said: what was read is what there is.
    got += n;
  }
  in.body.resize(got);
}

// Reads one request: the head first, then the body within the limit the handler sets for it from
// the head (only an upload by a caller allowed to make it may be larger than other bodies, and
// nothing larger is read unless the head passed those checks). An upload's body goes to a
// temporary file while it arrives, and `slot` holds the uploader's slot until it is answered.
asio::awaitable<Incoming> ReadRequest(ServerState& state, beast::tcp_stream& stream,
                                      beast::flat_buffer& buffer, const std::string& client,
                                      std::optional<UploadSlot>& slot) {
  Incoming in;
  Parser parser;
  parser.header_limit(static_cast<std::uint32_t>(limits::kMaxRequestHeaderBytes));
  // The largest limit while the head is read (the parser checks Content-Length against it as the
  // head ends), then the one the handler sets, before any of the body is read.
  parser.body_limit(limits::kMaxUploadBodyBytes);
  std::tie(in.ec, std::ignore) = co_await http::async_read_header(stream, buffer, parser, kNoThrow);
  if (in.ec) co_return in;
  const BodyAllowance allowance = AllowanceFor(state, parser, client);
  in.body_limit = allowance.limit;
  in.head = parser.get().base();
  if (parser.content_length() && *parser.content_length() > in.body_limit) {
    in.ec = http::error::body_limit;
    co_return in;
  }
  if (!allowance.uploader.empty() && !parser.is_done()) {
    if (!state.TakeUploadSlot(allowance.uploader)) {
      in.too_many_uploads = true;
      co_return in;
    }
    slot.emplace(state, allowance.uploader);
    co_await ReadUpload(state, stream, buffer, std::move(parser), in);
    co_return in;
  }
  parser.body_limit(in.body_limit);
  if (!parser.is_done())
    std::tie(in.ec, std::ignore) = co_await http::async_read(stream, buffer, parser, kNoThrow);
  in.head = parser.get().base();
  in.keep_alive = parser.get().keep_alive();
  in.body = std::move(parser.get().body());
  co_return in;
}

bool ConnectionEnded(const beast::error_code& ec) {
  return ec == http::error::end_of_stream || ec == beast::error::timeout ||
         ec == asio::error::operation_aborted || ec == asio::error::connection_reset ||
         ec == asio::error::eof;
}

// One request and what the access log and the reply need of it.
struct Exchange {
  Response response;
  unsigned version = 11;
  bool keep_alive = false;
  bool head = false;
  std::string method = "-";
  std::string target = "-";
};

// The answer to a request that could not be read: malformed or over a limit.
Response UnreadableRequest(const beast::error_code& ec, size_t body_limit) {
  int status = ec == http::error::body_limit ? 413 : (ec == http::error::header_limit ? 431 : 400);
  return PlainError(status, status == 413 ? "The request body is too large (limit " +
                                                std::to_string(body_limit >> 20) + " MiB)"
                            : status == 431 ? "The request headers are too large"
                                            : "The request could not be read");
}

// The answer to an upload from someone already sending their most at once.
Response TooManyUploads() {
  Response r = JsonError(429, "too_many_uploads",
                         "You are already sending files. Wait for them to finish, then try again.");
  r.SetHeader("Retry-After", "10");
  return r;
}

asio::awaitable<Exchange> Answer(ServerState& state, Incoming& in, const std::string& client) {
  Exchange x;
  auto& req = in.head;
  x.version = req.version();
  x.keep_alive = in.keep_alive && !state.stopping.load();
  x.method = std::string(req.method_string());
  x.target = std::string(req.target());
  bool parsed = false;
  const auto forwarded = req["X-Forwarded-For"];
  Request request =
      ToRequest(req, std::move(in.body),
                ClientAddress(client, std::string_view(forwarded.data(), forwarded.size()),
                              state.options.trusted_proxies),
                parsed);
  x.head = request.method == Method::kHead;
  if (!parsed) {
    x.response = PlainError(400, "The request address could not be read");
    co_return x;
  }
  try {
    x.response = co_await Dispatch(state, request);
  } catch (const std::exception& e) {
    spdlog::error(R"({{"event":"handler_exception","method":"{}","target":"{}","what":"{}"}})",
                  LogEscape(x.method), LogTarget(x.target), LogEscape(e.what()));
    // Site::Handle answers its handlers' exceptions with an incident reference; this is the
    // server's own last resort.
    x.response = JsonError(500, "internal", "Something went wrong. Try again later.");
  }
  co_return x;
}

void LogRequest(const Exchange& x, int status, size_t bytes,
                std::chrono::steady_clock::time_point started, const std::string& client) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                  started)
                .count();
  spdlog::info(
      R"({{"event":"request","method":"{}","target":"{}","status":{},"bytes":{},"duration_us":{},"client":"{}"}})",
      LogEscape(x.method), LogTarget(x.target), status, bytes, us, client);
}

std::string RemoteAddress(beast::tcp_stream& stream) {
  beast::error_code ec;
  auto ep = stream.socket().remote_endpoint(ec);
  return ec ? std::string() : ep.address().to_string();
}

asio::awaitable<void> Session(ServerState& state, beast::tcp_stream stream) {
  const std::string client = RemoteAddress(stream);
  Connection connection{&stream};
  {
    std::lock_guard lock(state.connections_mutex);
    state.connections.insert(&connection);
  }
  beast::flat_buffer buffer;
  bool first = true;
  for (;;) {
    if (state.stopping.load() && !first) break;
    connection.idle = true;
    stream.expires_after(std::chrono::seconds(first ? state.options.read_timeout_seconds
                                                    : limits::kKeepAliveIdleSeconds));
    first = false;
    std::optional<UploadSlot> slot;  // Held until the upload is answered.
    Incoming in = co_await ReadRequest(state, stream, buffer, client, slot);
    beast::error_code ec = in.ec;
    if (ConnectionEnded(ec)) break;
    connection.idle = false;
    auto started = std::chrono::steady_clock::now();
    Exchange x;
    if (in.too_many_uploads) {
      x.response = TooManyUploads();  // Its body is not read: answered, then closed.
      ec = http::error::body_limit;
    } else if (ec) {
      x.response = UnreadableRequest(ec, in.body_limit);  // Answered once, then closed.
    } else {
      x = co_await Answer(state, in, client);
    }
    int status = x.response.status;
    if (x.response.delay_ms > 0) {
      asio::steady_timer pause(stream.get_executor(),
                               std::chrono::milliseconds(x.response.delay_ms));
      co_await pause.async_wait(kNoThrow);
    }
    // The one place every response passes, whatever made it (a handler, an unreadable request,
    // a refused upload, a handler that threw): each leaves with the security headers.
    AddSecurityHeaders(x.response, state.options.strict_transport_security);
    auto res = ToBeast(std::move(x.response), x.version, x.keep_alive, x.head);
    size_t bytes = res.body().size();
    stream.expires_after(std::chrono::seconds(limits::kResponseWriteTimeoutSeconds));
    auto [wec, wn] = co_await http::async_write(stream, res, kNoThrow);
    if (state.options.access_log) LogRequest(x, status, bytes, started, client);
    if (wec || !x.keep_alive || ec) break;
  }
  {
    std::lock_guard lock(state.connections_mutex);
    state.connections.erase(&connection);
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  state.open_connections.fetch_sub(1);
}

asio::awaitable<void> Listen(ServerState& state, tcp::acceptor& acceptor) {
  for (;;) {
    auto [ec, socket] = co_await acceptor.async_accept(kNoThrow);
    if (ec) {
      if (state.stopping.load() || ec == asio::error::operation_aborted) co_return;
      continue;
    }
    if (state.open_connections.fetch_add(1) >= limits::kMaxOpenConnections) {
      state.open_connections.fetch_sub(1);
      beast::error_code ignored;
      socket.close(ignored);  // Over the limit: refuse rather than queue unboundedly.
      continue;
    }
    auto executor = asio::make_strand(acceptor.get_executor());
    socket.set_option(tcp::no_delay(true));
    asio::co_spawn(executor, Session(state, beast::tcp_stream(std::move(socket))), asio::detached);
  }
}

}  // namespace

Status RunServer(const ServerOptions& options, RequestHandler& handler) {
  // Responses of a few kilobytes, dozens in flight, are freed and allocated again all the time.
  // glibc's defaults hand the top of each thread's heap back to the kernel whenever 128 KiB is
  // free there and map blocks of 128 KiB or more on their own, so the I/O thread kept unmapping
  // and faulting in pages (docs/performance.md). Keep up to 64 MiB free in the heaps instead.
  (void)mallopt(M_TRIM_THRESHOLD, 64 << 20);
  (void)mallopt(M_MMAP_THRESHOLD, 4 << 20);
  asio::io_context ioc(options.io_threads);
  asio::thread_pool slow_pool(limits::kPasswordHashThreads);
  ServerState state{handler, options, slow_pool};
  tcp::acceptor acceptor(ioc);
  beast::error_code ec;
  auto address = asio::ip::make_address(options.host, ec);
  if (ec) return Error::InvalidArgument("--listen host is not an IP address: " + options.host);
  tcp::endpoint endpoint(address, options.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return Error::Unavailable("Cannot listen on " + options.host + ":" +
                              std::to_string(options.port) + ": " + ec.message());
  }
  uint16_t bound = acceptor.local_endpoint().port();
  spdlog::info(R"({{"event":"listening","address":"{}","port":{}}})", options.host, bound);
  if (options.on_listening) options.on_listening(bound);

  asio::co_spawn(ioc, Listen(state, acceptor), asio::detached);

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  asio::steady_timer drain(ioc);
  auto deadline = std::chrono::steady_clock::now();
  std::function<void()> wait_for_drain = [&] {
    if (state.open_connections.load() == 0 || std::chrono::steady_clock::now() >= deadline) {
      ioc.stop();
      return;
    }
    drain.expires_after(std::chrono::milliseconds(20));
    drain.async_wait([&](const beast::error_code&) { wait_for_drain(); });
  };
  signals.async_wait([&](const beast::error_code& sec, int signal) {
    if (sec) return;
    spdlog::info(R"({{"event":"shutdown","signal":{},"open_connections":{}}})", signal,
                 state.open_connections.load());
    state.stopping = true;
    beast::error_code ignored;
    acceptor.close(ignored);
    state.CloseIdleConnections();
    deadline =
        std::chrono::steady_clock::now() + std::chrono::seconds(limits::kShutdownGraceSeconds);
    wait_for_drain();
  });

  std::vector<std::thread> threads;
  for (int i = 1; i < options.io_threads; ++i) threads.emplace_back([&] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  slow_pool.join();
  spdlog::info("{}", R"({"event":"stopped"})");
  return OkStatus();
}

}  // namespace selfdirect::web
