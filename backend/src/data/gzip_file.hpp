#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "data/local_file.hpp"

// gzip files (RFC 1952, one member; zlib) that keep the size and SHA-256 of their compressed
// bytes as they stream, so a backup's checksum costs no second pass when written, and a restore
// can prove at its end that it read exactly the file the manifest describes.
namespace hub::data {

struct StreamDigest {
  std::int64_t bytes = 0;  // compressed bytes
  std::string sha256{};    // of those bytes, lowercase hex
};

class GzipWriter {
 public:
  [[nodiscard]] static Result<GzipWriter> create(const std::filesystem::path& path);
  GzipWriter(GzipWriter&& other) noexcept;
  GzipWriter& operator=(GzipWriter&& other) noexcept;
  GzipWriter(const GzipWriter&) = delete;
  GzipWriter& operator=(const GzipWriter&) = delete;
  ~GzipWriter();

  [[nodiscard]] Status write(std::string_view text);
  // Ends the stream, syncs and closes the file.
  [[nodiscard]] Result<StreamDigest> finish();
  // Compressed bytes written so far.
  [[nodiscard]] std::int64_t bytes_written() const noexcept;

 private:
  struct State;
  explicit GzipWriter(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// Reads a gzip file line by line ('\n' ends each line, and the last one too). A damaged or
// truncated stream, data after its end or a line longer than max_line_bytes is BAD_REQUEST.
class GzipLineReader {
 public:
  [[nodiscard]] static Result<GzipLineReader> open(const std::filesystem::path& path,
                                                   std::size_t max_line_bytes);
  GzipLineReader(GzipLineReader&& other) noexcept;
  GzipLineReader& operator=(GzipLineReader&& other) noexcept;
  GzipLineReader(const GzipLineReader&) = delete;
  GzipLineReader& operator=(const GzipLineReader&) = delete;
  ~GzipLineReader();

  // The next line without its '\n', valid until the next call; nullopt once the file is read.
  [[nodiscard]] Result<std::optional<std::string_view>> next_line();
  // Size and SHA-256 of the compressed file; only once next_line() has answered nullopt.
  [[nodiscard]] StreamDigest digest() const;

 private:
  struct State;
  explicit GzipLineReader(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace hub::data
