#include "data/local_file.hpp"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <system_error>
#include <vector>

#include <fmt/format.h>

#include "aws/crypto.hpp"

namespace hub::data {
namespace {

std::error_code last_error() { return {errno, std::generic_category()}; }

}  // namespace

void LocalFile::Closer::operator()(std::FILE* file) const noexcept {
  (void)std::fclose(file);  // NOLINT(cppcoreguidelines-owning-memory): the one owner of the FILE
}

Error file_error(ErrorCode code, std::string_view what, const std::filesystem::path& path,
                 const std::error_code& reason) {
  return Error::make(code, fmt::format("Cannot {} {}: {}.", what, path.string(), reason.message()));
}

Result<LocalFile> LocalFile::open(const std::filesystem::path& path, Mode mode) {
  // Binary mode; "x" is not used so that a rerun replaces a leftover of an interrupted one.
  std::FILE* file = std::fopen(path.c_str(), mode == Mode::read ? "rb" : "wb");
  if (file == nullptr) {
    return mode == Mode::read ? file_error(ErrorCode::BAD_REQUEST, "read", path, last_error())
                              : file_error(ErrorCode::INTERNAL, "create", path, last_error());
  }
  return LocalFile{path, file};
}

Status LocalFile::write(std::string_view bytes) {
  if (bytes.empty()) return {};
  if (std::fwrite(bytes.data(), 1, bytes.size(), file_.get()) != bytes.size()) {
    return file_error(ErrorCode::INTERNAL, "write", path_, last_error());
  }
  return {};
}

Result<std::size_t> LocalFile::read(std::span<char> buffer) {
  const auto got = std::fread(buffer.data(), 1, buffer.size(), file_.get());
  if (got < buffer.size() && std::ferror(file_.get()) != 0) {
    return file_error(ErrorCode::BAD_REQUEST, "read", path_, last_error());
  }
  return got;
}

Status LocalFile::sync_and_close() {
  std::FILE* file = file_.release();
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const auto reason = last_error();
  const bool closed = std::fclose(file) == 0;  // NOLINT(cppcoreguidelines-owning-memory)
  if (!flushed || !closed)
    return file_error(ErrorCode::INTERNAL, "write", path_, flushed ? last_error() : reason);
  return {};
}

Status write_file_atomically(const std::filesystem::path& path, std::string_view text) {
  auto temporary = path;
  temporary += ".partial";
  auto file = LocalFile::open(temporary, LocalFile::Mode::create);
  if (!file) return std::move(file).error();
  auto written = file->write(text);
  if (written) written = file->sync_and_close();
  std::error_code ec;
  if (written) {
    std::filesystem::rename(temporary, path, ec);
    if (ec) written = file_error(ErrorCode::INTERNAL, "replace", path, ec);
  }
  if (!written) std::filesystem::remove(temporary, ec);
  return written;
}

Result<std::string> read_small_file(const std::filesystem::path& path, std::size_t max_bytes) {
  auto file = LocalFile::open(path, LocalFile::Mode::read);
  if (!file) return std::move(file).error();
  std::string text;
  std::array<char, 8192> buffer{};
  for (;;) {
    auto got = file->read(buffer);
    if (!got) return std::move(got).error();
    if (*got == 0) return text;
    text.append(buffer.data(), *got);
    if (text.size() > max_bytes) {
      return Error::make(ErrorCode::BAD_REQUEST,
                         fmt::format("{} is larger than {} bytes, too large for what it should hold.",
                                     path.string(), max_bytes));
    }
  }
}

Result<FileDigest> digest_file(const std::filesystem::path& path) {
  auto file = LocalFile::open(path, LocalFile::Mode::read);
  if (!file) return std::move(file).error();
  aws::Sha256Stream digest;
  FileDigest out;
  std::vector<char> buffer(std::size_t{1} << 20U);
  for (;;) {
    auto got = file->read(buffer);
    if (!got) return std::move(got).error();
    if (*got == 0) break;
    digest.update({buffer.data(), *got});
    out.bytes += static_cast<std::int64_t>(*got);
  }
  out.sha256 = aws::hex(digest.finish());
  return out;
}

Status remove_if_present(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::remove(path, ec);
  if (ec) return file_error(ErrorCode::INTERNAL, "remove", path, ec);
  return {};
}

}  // namespace hub::data
