#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/result.hpp"

// Local files of backups and restores. Failures name the file and the system's reason; reading
// what the caller gave is BAD_REQUEST, failing to write is INTERNAL.
namespace hub::data {

class LocalFile {
 public:
  enum class Mode : std::uint8_t { read, create };  // create truncates

  [[nodiscard]] static Result<LocalFile> open(const std::filesystem::path& path, Mode mode);

  [[nodiscard]] Status write(std::string_view bytes);
  // Up to buffer.size() bytes; 0 at the end of the file.
  [[nodiscard]] Result<std::size_t> read(std::span<char> buffer);
  // Flushes to the disk and closes (a write is durable only after this).
  [[nodiscard]] Status sync_and_close();

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  struct Closer {
    void operator()(std::FILE* file) const noexcept;
  };
  LocalFile(std::filesystem::path path, std::FILE* file) : path_(std::move(path)), file_(file) {}

  std::filesystem::path path_;
  std::unique_ptr<std::FILE, Closer> file_;
};

// `text` in `path`, all or nothing: written beside it, synced, then renamed over it.
[[nodiscard]] Status write_file_atomically(const std::filesystem::path& path, std::string_view text);

// A whole small file (a manifest, a checkpoint); BAD_REQUEST when missing or over max_bytes.
[[nodiscard]] Result<std::string> read_small_file(const std::filesystem::path& path, std::size_t max_bytes);

struct FileDigest {
  std::int64_t bytes = 0;
  std::string sha256{};  // lowercase hex
};
[[nodiscard]] Result<FileDigest> digest_file(const std::filesystem::path& path);

// Removes `path` if it exists; a failure to remove is an error, its absence is not.
[[nodiscard]] Status remove_if_present(const std::filesystem::path& path);

// "Cannot <what> <path>: <reason>" with the given code.
[[nodiscard]] Error file_error(ErrorCode code, std::string_view what, const std::filesystem::path& path,
                               const std::error_code& reason);

}  // namespace hub::data
