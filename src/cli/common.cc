#include "cli/common.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "storage/sql/sql_store.h"

namespace selfdirect::cli {

Result<app::Council> ChooseCouncil(app::Store& store, const std::string& code) {
  if (!code.empty()) {
    SD_ASSIGN_OR_RETURN(auto council, store.FindCouncil(code));
    if (!council)
      return Error::InvalidArgument("No council with code '" + code + "' in the database");
    return *council;
  }
  SD_ASSIGN_OR_RETURN(auto councils, store.ListCouncils());
  if (councils.empty()) {
    return Error::FailedPrecondition(
        "The database has no council yet. Run `selfdirect demo` to create the demo council.");
  }
  if (councils.size() > 1) {
    std::string codes;
    for (const auto& c : councils) codes += (codes.empty() ? "" : ", ") + c.code;
    return Error::InvalidArgument("The database holds several councils (" + codes +
                                  "): choose one with --council CODE");
  }
  return councils[0];
}

Result<OpenedCouncil> OpenCouncil(const std::string& database, const std::string& code) {
  SD_ASSIGN_OR_RETURN(auto store, storage::OpenStore(database));
  SD_ASSIGN_OR_RETURN(auto council, ChooseCouncil(*store, code));
  return OpenedCouncil{std::move(store), std::move(council)};
}

// A symbolic link is followed only to what is not a regular file (/dev/stdout, a pipe from a
// shell's >(...)); a link to a file, which could have been left in a shared folder to aim the
// passwords elsewhere, is refused before anything is written. A regular file is emptied only
// once it is known to be one.
Result<SecretFile> SecretFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  const bool link = fd < 0 && errno == ELOOP;
  if (link) fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return Error::InvalidArgument("Cannot write " + path + ": " + std::strerror(errno));
  SecretFile file(fd, path);
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    return Error::InvalidArgument("Cannot write " + path + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) return file;
  if (link)
    return Error::InvalidArgument(path + " is a symbolic link to a file: name the file itself");
  if (::fchmod(fd, 0600) != 0 || ::ftruncate(fd, 0) != 0)
    return Error::InvalidArgument("Cannot make " + path +
                                  " private to its owner: " + std::strerror(errno));
  return file;
}

SecretFile::~SecretFile() {
  if (fd_ >= 0) ::close(fd_);
}

Status SecretFile::Write(std::string_view text) {
  while (!text.empty()) {
    const ssize_t n = ::write(fd_, text.data(), text.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Error::Internal("Cannot write " + path_ + ": " + std::strerror(errno));
    text.remove_prefix(static_cast<size_t>(n));
  }
  const int closed = ::close(std::exchange(fd_, -1));
  if (closed != 0) return Error::Internal("Cannot write " + path_ + ": " + std::strerror(errno));
  return OkStatus();
}

Result<boost::json::value> ReadJsonFile(const std::string& path) {
  std::FILE* in = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (in == nullptr)
    return Error::InvalidArgument("Cannot read " + path + ": " + std::strerror(errno));
  std::string text;
  char buf[65536];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, in)) > 0) {
    text.append(buf, n);
    if (text.size() > (64u << 20)) return Error::InvalidArgument(path + " is larger than 64 MiB");
  }
  if (in != stdin) std::fclose(in);
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec) return Error::InvalidArgument(path + " is not valid JSON: " + ec.message());
  return v;
}

}  // namespace selfdirect::cli
