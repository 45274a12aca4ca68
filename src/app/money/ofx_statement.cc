// OFX statements read with libofx (ofx_statement.h). libofx reads a file by its path and reports
// what it found through C callbacks. It runs in a child process of its own, one at a time: its
// console messages are global flags, it sets OpenSP's SP_CHARSET_FIXED and SP_ENCODING in the
// process environment, version 0.10.9 loses memory on many malformed files and leaves a
// descriptor open on every call, its time grows with the square of the transactions, and a C++
// SGML parser given a hostile file may crash. The child's findings come back through a pipe;
// whatever it leaks or breaks ends with it.
//
// What libofx reports is not trusted alone: it marks a missing or short DTPOSTED valid with the
// date 1970-01-01 or today's, a missing or unreadable TRNAMT valid with 0, and turns a time with
// a zone into a UTC instant that can fall on the day before ("20260415003000[+1:BST]" is 14
// April). So each transaction's date and amount are read from the file's own text, paired with
// libofx's transactions by their order (the counts must agree), and libofx's amount must agree
// with the text's to the penny. Money is never a double here: libofx's double is only compared.
#include "app/money/ofx_statement.h"

#include <fcntl.h>
#include <libofx/libofx.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "base/text.h"

namespace selfdirect::app {
namespace {

constexpr size_t kMaxNamedProblems = 20;
// libofx's time grows with the square of a file's transactions (on one core: 5,000 in 0.4 s,
// 10,000 in 1.5 s, 20,000 in 6.3 s); a year of a direct payment account has a few hundred.
constexpr size_t kMaxTransactions = 10'000;
// A reading that takes longer is stopped and the file refused.
constexpr std::chrono::seconds kMaxReadTime{30};

// One transaction as libofx reported it: only what is read.
struct OfxTransaction {
  std::string fitid, name, memo;
  bool has_amount = false;
  double amount = 0;  // Compared with the text's amount, never used as money.
  bool corrects = false;
};

struct LibofxRead {
  std::vector<OfxTransaction> transactions;
  int statements = 0;
  std::string currency;  // The statement's CURDEF, when it has one.
};

// One STMTTRN as the file's text has it.
struct TextTransaction {
  std::optional<std::string_view> posted;  // DTPOSTED.
  std::optional<std::string_view> amount;  // TRNAMT.
};

// A fixed-size text field of libofx's, when it is marked valid.
template <size_t N>
std::string Field(const char (&value)[N], int valid) {
  if (!valid) return {};
  return std::string(Trim(std::string_view(value, strnlen(value, N))));
}

int OnTransaction(const OfxTransactionData data, void* read) {
  OfxTransaction t;
  t.fitid = Field(data.fi_id, data.fi_id_valid);
  t.name = Field(data.name, data.name_valid);
  t.memo = Field(data.memo, data.memo_valid);
  t.has_amount = data.amount_valid != 0;
  t.amount = data.amount;
  t.corrects = data.fi_id_corrected_valid != 0;
  static_cast<LibofxRead*>(read)->transactions.push_back(std::move(t));
  return 0;
}

int OnStatement(const OfxStatementData data, void* read) {
  auto* r = static_cast<LibofxRead*>(read);
  ++r->statements;
  r->currency = Field(data.currency, data.currency_valid);
  return 0;
}

// Removes a temporary directory and all it holds when the scope ends.
struct RemoveOnExit {
  std::string dir;
  ~RemoveOnExit() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

// A new private temporary directory (mkdtemp: mode 0700, a name no one else has).
Result<std::string> MakePrivateDir() {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) base = "/tmp";
  std::string dir = (base / "selfdirect-ofx-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr)
    return Error::Internal("The statement could not be read: no temporary directory");
  return dir;
}

bool WriteAll(int fd, std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// `text` in a new file in `dir` (mkstemp: mode 0600).
Result<std::string> WriteStatementFile(const std::string& dir, std::string_view text) {
  std::string path = dir + "/statement-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return Error::Internal("The statement could not be read: no temporary file");
  const bool written = WriteAll(fd, text);
  if (::close(fd) != 0 || !written)
    return Error::Internal("The statement could not be read: the temporary file was not written");
  return path;
}

// LibofxRead as bytes, to cross from the child process to its parent (same program, same
// machine: integers and doubles as they are in memory).
template <typename T>
void Put(std::string& out, T value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}
void PutText(std::string& out, const std::string& text) {
  Put<uint64_t>(out, text.size());
  out += text;
}

std::string Encode(const LibofxRead& read) {
  std::string out;
  Put<int32_t>(out, read.statements);
  PutText(out, read.currency);
  Put<uint64_t>(out, read.transactions.size());
  for (const OfxTransaction& t : read.transactions) {
    PutText(out, t.fitid);
    PutText(out, t.name);
    PutText(out, t.memo);
    Put<uint8_t>(out, t.has_amount);
    Put<double>(out, t.amount);
    Put<uint8_t>(out, t.corrects);
  }
  return out;
}

// Reads Encode's bytes; every read is bounded by what is left.
class Decoder {
 public:
  explicit Decoder(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  bool Get(T& value) {
    if (bytes_.size() < sizeof value) return false;
    std::memcpy(&value, bytes_.data(), sizeof value);
    bytes_.remove_prefix(sizeof value);
    return true;
  }
  bool GetText(std::string& text) {
    uint64_t size = 0;
    if (!Get(size) || size > bytes_.size()) return false;
    text.assign(bytes_.substr(0, size));
    bytes_.remove_prefix(size);
    return true;
  }
  bool done() const { return bytes_.empty(); }

 private:
  std::string_view bytes_;
};

std::optional<LibofxRead> Decode(std::string_view bytes) {
  Decoder in(bytes);
  LibofxRead read;
  uint64_t count = 0;
  if (!in.Get(read.statements) || !in.GetText(read.currency) || !in.Get(count)) return {};
  for (uint64_t i = 0; i < count; ++i) {
    OfxTransaction t;
    uint8_t has_amount = 0, corrects = 0;
    if (!in.GetText(t.fitid) || !in.GetText(t.name) || !in.GetText(t.memo) || !in.Get(has_amount) ||
        !in.Get(t.amount) || !in.Get(corrects))
      return {};
    t.has_amount = has_amount != 0;
    t.corrects = corrects != 0;
    read.transactions.push_back(std::move(t));
  }
  if (!in.done()) return {};
  return read;
}

// libofx writes its messages to standard error unless these global flags are off.
void SilenceLibofx() {
  ofx_PARSER_msg = ofx_DEBUG_msg = ofx_DEBUG1_msg = ofx_DEBUG2_msg = 0;
  ofx_DEBUG3_msg = ofx_DEBUG4_msg = ofx_DEBUG5_msg = 0;
  ofx_STATUS_msg = ofx_INFO_msg = ofx_WARNING_msg = ofx_ERROR_msg = ofx_show_position = 0;
}

// In the child process: libofx reads `path` and what it found goes to `out`. Its own temporary
// file goes to the private directory too (TMPDIR), so nothing of the statement is left behind
// when the child is stopped. Exits 0 when all was written; never returns.
[[noreturn]] void ReadInChild(const std::string& dir, const std::string& path, int out) {
  int status = 2;
  try {
    ::setenv("TMPDIR", dir.c_str(), 1);
    SilenceLibofx();
    LibofxRead read;
    LibofxContextPtr context = libofx_get_new_context();
    ofx_set_transaction_cb(context, OnTransaction, &read);
    ofx_set_statement_cb(context, OnStatement, &read);
    // Its return value counts SGML complaints (an element the OFX 1.6 DTD does not expect, a
    // UTF-8 letter): those alone do not refuse a file, since what is posted is checked against
    // the text.
    libofx_proc_file(context, path.c_str(), OFX);
    libofx_free_context(context);
    if (WriteAll(out, Encode(read))) status = 0;
  } catch (...) {  // libofx and OpenSP are C++ inside: nothing of theirs may escape.
  }
  ::_exit(status);  // No atexit handlers or destructors of the parent's objects.
}

// Reads `fd` to its end; false when `deadline` passes first or reading fails.
bool ReadAllBefore(int fd, std::string& out, std::chrono::steady_clock::time_point deadline) {
  char buffer[1 << 16];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) return false;
    pollfd ready{fd, POLLIN, 0};
    const int polled = ::poll(&ready, 1, static_cast<int>(left));
    if (polled < 0 && errno == EINTR) continue;
    if (polled <= 0) return false;
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n == 0;
    out.append(buffer, static_cast<size_t>(n));
  }
}

// The child's exit status, once it has ended.
int WaitFor(pid_t child) {
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

std::mutex& LibofxMutex() {
  static std::mutex mutex;
  return mutex;
}

// What libofx reads from `text`, read in a child process: what libofx loses or breaks goes with
// the child (0.10.9 loses memory on many malformed files and leaves a descriptor open on every
// call, and a C++ SGML parser may crash on a hostile file), its global flags and environment
// are the child's, and a reading that takes too long is stopped. One reading at a time.
Result<LibofxRead> RunLibofx(std::string_view text) {
  std::lock_guard lock(LibofxMutex());
  SD_ASSIGN_OR_RETURN(const std::string dir, MakePrivateDir());
  const RemoveOnExit remove{dir};
  SD_ASSIGN_OR_RETURN(const std::string path, WriteStatementFile(dir, text));
  int pipe[2];
  if (::pipe2(pipe, O_CLOEXEC) != 0)
    return Error::Unavailable("The statement could not be read now: try again");
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe[0]);
    ReadInChild(dir, path, pipe[1]);
  }
  ::close(pipe[1]);
  std::string bytes;
  const bool complete =
      child > 0 && ReadAllBefore(pipe[0], bytes, std::chrono::steady_clock::now() + kMaxReadTime);
  ::close(pipe[0]);
  if (child < 0) return Error::Unavailable("The statement could not be read now: try again");
  if (!complete) ::kill(child, SIGKILL);
  const int status = WaitFor(child);
  std::optional<LibofxRead> read = Decode(bytes);
  if (!complete)
    return Error::InvalidArgument("The file could not be read as OFX: it took too long");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !read)
    return Error::InvalidArgument("The file could not be read as OFX");
  return std::move(*read);
}

// The value of the first `tag` in [from, to) of `text` (`upper` is `text` in capitals, so tags
// are found whatever their case): what follows it up to the next tag or the line's end, trimmed.
std::optional<std::string_view> ElementValue(std::string_view text, std::string_view upper,
                                             std::string_view tag, size_t from, size_t to) {
  const size_t at = upper.find(tag, from);
  if (at == std::string_view::npos || at >= to) return std::nullopt;
  const size_t start = at + tag.size();
  const size_t end = std::min(text.find_first_of("<\r\n", start), to);
  return Trim(text.substr(start, end == std::string_view::npos ? end : end - start));
}

// Each STMTTRN of the text, in order: from its start tag to its end tag (or the next start tag).
std::vector<TextTransaction> TextTransactions(std::string_view text, std::string_view upper) {
  constexpr std::string_view kStart = "<STMTTRN>", kEnd = "</STMTTRN>";
  std::vector<TextTransaction> out;
  for (size_t at = upper.find(kStart); at != std::string_view::npos;) {
    const size_t next = upper.find(kStart, at + kStart.size());
    const size_t to = std::min(upper.find(kEnd, at), next);
    out.push_back({ElementValue(text, upper, "<DTPOSTED>", at, to),
                   ElementValue(text, upper, "<TRNAMT>", at, to)});
    at = next;
  }
  return out;
}

// Whole-file problems that need no parser, each with what to do about it.
Status CheckShape(std::string_view text, std::string_view upper) {
  if (Trim(text).empty()) return Error::InvalidArgument("The file is empty");
  if (upper.find("<OFX>") == std::string_view::npos)
    return Error::InvalidArgument(
        "This is not an OFX file (it has no <OFX>): download the statement from your bank's "
        "website as OFX, sometimes called Money or Quicken");
  if (upper.find("</OFX>") == std::string_view::npos)
    return Error::InvalidArgument(
        "The file stops before its end (</OFX>): it was cut short. Download it again");
  const size_t list = upper.find("<BANKTRANLIST>");
  if (list == std::string_view::npos)
    return Error::InvalidArgument(
        "The file has no list of transactions (<BANKTRANLIST>): it is not a bank or card "
        "statement");
  // Before it, the account. (libofx 0.10.9 also loses the memory of a statement or transaction
  // that comes before any account: such a file must not reach it.)
  if (std::min(upper.find("<BANKACCTFROM>"), upper.find("<CCACCTFROM>")) > list)
    return Error::InvalidArgument(
        "The statement does not say whose account it is (<BANKACCTFROM> or <CCACCTFROM> before "
        "its transactions)");
  return OkStatus();
}

Status CheckStatement(const LibofxRead& read, size_t transactions_in_text) {
  if (read.statements == 0)
    return Error::InvalidArgument(
        "The file holds no bank or card statement (<STMTRS> or <CCSTMTRS>)");
  if (read.statements > 1)
    return Error::InvalidArgument("The file holds the statements of " +
                                  std::to_string(read.statements) +
                                  " accounts: download one account's statement at a time");
  if (!read.currency.empty() && read.currency != "GBP")
    return Error::InvalidArgument("The statement is in " + read.currency +
                                  ": only statements in pounds (GBP) can be sent");
  if (read.transactions.size() != transactions_in_text)
    return Error::InvalidArgument(
        "The transactions could not be read: the file has " + std::to_string(transactions_in_text) +
        " (<STMTTRN>) and " + std::to_string(read.transactions.size()) + " could be understood");
  return OkStatus();
}

// DTPOSTED's day: its first eight digits, YYYYMMDD.
Result<Date> OfxDate(std::optional<std::string_view> text) {
  if (!text || text->size() < 8) return Error::InvalidArgument("no date");
  const std::string_view d = *text;
  return Date::Parse(std::string(d.substr(0, 4)) + "-" + std::string(d.substr(4, 2)) + "-" +
                     std::string(d.substr(6, 2)));
}

// TRNAMT in pence: an optional sign, digits, and at most two decimals after '.' or ','.
Result<Pence> OfxAmount(std::string_view text) {
  std::string plain(text);
  if (plain.starts_with('+')) plain.erase(0, 1);
  if (plain.find('.') == std::string::npos && std::count(plain.begin(), plain.end(), ',') == 1)
    plain[plain.find(',')] = '.';
  if (plain.starts_with('.')) plain.insert(0, "0");
  if (plain.starts_with("-.")) plain.insert(1, "0");
  return Pence::Parse(plain);
}

// The row of the transaction numbered `number` (1-based), or its problem.
Result<domain::StatementRow> RowOf(int64_t number, const OfxTransaction& t,
                                   const TextTransaction& text) {
  const std::string at = "transaction " + std::to_string(number) + ": ";
  domain::StatementRow row;
  row.line = number;
  auto date = OfxDate(text.posted);
  if (!date.ok())
    return Error::InvalidArgument(at +
                                  "the date (DTPOSTED) is missing or not a date like 20261204");
  row.date = *date;
  if (!text.amount) return Error::InvalidArgument(at + "the amount (TRNAMT) is missing");
  auto amount = OfxAmount(*text.amount);
  if (!amount.ok())
    return Error::InvalidArgument(at +
                                  "the amount (TRNAMT) must be like -12.50, with at most two "
                                  "decimals");
  if (!t.has_amount || !std::isfinite(t.amount) || std::fabs(t.amount) > 1e12 ||
      std::llround(t.amount * 100.0) != amount->pence())
    return Error::InvalidArgument(at + "the amount (TRNAMT) could not be read");
  row.amount = *amount;
  if (t.corrects)
    return Error::InvalidArgument(
        at + "it corrects an earlier transaction (CORRECTFITID): download the statement again");
  row.payee = t.name.empty() ? t.memo : t.name;
  if (row.payee.empty() && row.amount != Pence())
    return Error::InvalidArgument(at + "it has no payee (NAME or MEMO)");
  if (!t.fitid.empty()) row.key = "ofx:" + t.fitid;
  return row;
}

// A FITID the bank repeats in one file keys its later transactions "|2", "|3"...: each is still
// posted, and the same file sent again gives the same keys.
void KeyRepeatedFitids(std::vector<domain::StatementRow>& rows) {
  std::map<std::string, int> seen;
  for (domain::StatementRow& row : rows) {
    if (row.key.empty()) continue;
    const int repeat = ++seen[row.key];
    if (repeat > 1) row.key += "|" + std::to_string(repeat);
  }
}

Error Refusal(std::vector<FieldError> problems) {
  // The message first: the order in which arguments are evaluated is not fixed.
  std::string message =
      problems.front().message + (problems.size() > 1 ? " (and other transactions: nothing was "
                                                        "stored)"
                                                      : " (nothing was stored)");
  return Error::InvalidArgument(std::move(message), std::move(problems));
}

}  // namespace

Result<std::vector<domain::StatementRow>> ParseOfxStatement(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // A byte order mark.
  const std::string upper = AsciiUpper(text);
  SD_RETURN_IF_ERROR(CheckShape(text, upper));
  const std::vector<TextTransaction> in_text = TextTransactions(text, upper);
  if (in_text.size() > kMaxTransactions)
    return Error::InvalidArgument(
        "The file has " + std::to_string(in_text.size()) + " transactions: send at most " +
        std::to_string(kMaxTransactions) + " at once (download a shorter period)");
  SD_ASSIGN_OR_RETURN(const LibofxRead read, RunLibofx(text));
  SD_RETURN_IF_ERROR(CheckStatement(read, in_text.size()));
  std::vector<domain::StatementRow> rows;
  std::vector<FieldError> problems;
  for (size_t i = 0; i < in_text.size(); ++i) {
    const auto number = static_cast<int64_t>(i + 1);
    auto row = RowOf(number, read.transactions[i], in_text[i]);
    if (!row.ok()) {
      if (problems.size() < kMaxNamedProblems)
        problems.push_back({"transaction " + std::to_string(number), row.error().message});
      continue;
    }
    if (row->amount != Pence()) rows.push_back(std::move(*row));  // £0.00 moves no money.
  }
  if (!problems.empty()) return Refusal(std::move(problems));
  KeyRepeatedFitids(rows);
  domain::KeyRowsByContent(rows);
  return rows;
}

Result<std::vector<domain::StatementRow>> ReadStatement(domain::StatementFormat format,
                                                        std::string_view text) {
  if (format == domain::StatementFormat::kOfx) return ParseOfxStatement(text);
  return domain::ParseStatement(format, text);
}

}  // namespace selfdirect::app
