#include "web/http/server.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <mutex>
#include <thread>
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

Request ToRequest(const http::request<http::string_body>& in, const std::string& client, bool& ok) {
  Request r;
  r.method = ParseMethod(std::string_view(in.method_string().data(), in.method_string().size()));
  ok = ParseTarget(std::string_view(in.target().data(), in.target().size()), r);
  for (const auto& field : in) {
    r.headers[AsciiLower(std::string_view(
        field.name_string().data(), field.name_string().size()))] = std::string(field.value());
  }
  r.cookies = ParseCookies(r.Header("cookie"));
  r.body = in.body();
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

// Escapes text for a JSON string in the access log (targets come from clients and may hold quotes
// or control bytes).
std::string JsonEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7F) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\u00";
      out += kHex[u >> 4];
      out += kHex[u & 15];
    } else {
      out += c;
    }
  }
  return out;
}

Response PlainError(int status, std::string_view message) {
  Response r =
      JsonError(status, status == 413 ? "payload_too_large" : "bad_request", std::string(message));
  AddSecurityHeaders(r);
  return r;
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

// Reads one request: the head first, then the body within the limit the handler sets for it from
// the head (only an upload by a caller allowed to make it may be larger than other bodies, and
// nothing larger is read unless the head passed those checks). Sets `body_limit` to the limit.
asio::awaitable<beast::error_code> ReadRequest(ServerState& state, beast::tcp_stream& stream,
                                               beast::flat_buffer& buffer, Parser& parser,
                                               const std::string& client, size_t& body_limit) {
  parser.header_limit(static_cast<std::uint32_t>(limits::kMaxRequestHeaderBytes));
  // The largest limit while the head is read (the parser checks Content-Length against it as the
  // head ends), then the one the handler sets, before any of the body is read.
  parser.body_limit(limits::kMaxUploadBodyBytes);
  body_limit = limits::kMaxUploadBodyBytes;  // Over it, nobody may send it.
  auto [ec, n] = co_await http::async_read_header(stream, buffer, parser, kNoThrow);
  if (!ec) {
    // Only a file upload may be larger than other bodies, so only its head is looked at (the
    // session is read from it); every other request keeps the small limit, at no cost.
    body_limit = limits::kMaxRequestBodyBytes;
    const auto& req = parser.get();
    const auto type = req[http::field::content_type];
    if (IsMultipartForm(std::string_view(type.data(), type.size()))) {
      bool parsed = false;
      const auto forwarded = req["X-Forwarded-For"];
      const Request head =
          ToRequest(req,
                    ClientAddress(client, std::string_view(forwarded.data(), forwarded.size()),
                                  state.options.trusted_proxies),
                    parsed);
      if (parsed) body_limit = std::min(state.handler.BodyLimit(head), limits::kMaxUploadBodyBytes);
    }
    if (parser.content_length() && *parser.content_length() > body_limit) {
      ec = http::error::body_limit;
    } else {
      parser.body_limit(body_limit);
    }
  }
  if (!ec && !parser.is_done()) {
    std::tie(ec, n) = co_await http::async_read(stream, buffer, parser, kNoThrow);
  }
  co_return ec;
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

asio::awaitable<Exchange> Answer(ServerState& state, Parser& parser, const std::string& client) {
  Exchange x;
  auto& req = parser.get();
  x.version = req.version();
  x.keep_alive = req.keep_alive() && !state.stopping.load();
  x.method = std::string(req.method_string());
  x.target = std::string(req.target());
  bool parsed = false;
  const auto forwarded = req["X-Forwarded-For"];
  Request request =
      ToRequest(req,
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
    spdlog::error("handler threw on {} {}: {}", x.method, x.target, e.what());
    x.response = PlainError(500, "Something went wrong. Try again later.");
    x.response.status = 500;
  }
  co_return x;
}

// `target` with the value of any csrf_token query parameter (upload forms send it in the
// address) left out, so that tokens do not reach the logs.
std::string WithoutToken(std::string target) {
  const size_t at = target.find("csrf_token=");
  if (at == std::string::npos) return target;
  const size_t end = target.find('&', at);
  target.replace(at + 11, (end == std::string::npos ? target.size() : end) - (at + 11), "-");
  return target;
}

void LogRequest(const Exchange& x, int status, size_t bytes,
                std::chrono::steady_clock::time_point started, const std::string& client) {
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() -
                                                                  started)
                .count();
  spdlog::info(
      R"({{"event":"request","method":"{}","target":"{}","status":{},"bytes":{},"duration_us":{},"client":"{}"}})",
      JsonEscape(x.method), JsonEscape(WithoutToken(x.target).substr(0, 200)), status, bytes, us,
      client);
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
    Parser parser;
    stream.expires_after(std::chrono::seconds(first ? state.options.read_timeout_seconds
                                                    : limits::kKeepAliveIdleSeconds));
    first = false;
    size_t body_limit = 0;
    beast::error_code ec = co_await ReadRequest(state, stream, buffer, parser, client, body_limit);
    if (ConnectionEnded(ec)) break;
    connection.idle = false;
    auto started = std::chrono::steady_clock::now();
    Exchange x;
    if (ec) {
      x.response = UnreadableRequest(ec, body_limit);  // Answered once, then closed.
    } else {
      x = co_await Answer(state, parser, client);
    }
    int status = x.response.status;
    if (x.response.delay_ms > 0) {
      asio::steady_timer pause(stream.get_executor(),
                               std::chrono::milliseconds(x.response.delay_ms));
      co_await pause.async_wait(kNoThrow);
    }
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
