#include "data/gzip_file.hpp"

#define ZLIB_CONST  // next_in points to const bytes
#include <zlib.h>

#include <algorithm>
#include <vector>

#include <fmt/format.h>

#include "aws/crypto.hpp"

namespace hub::data {
namespace {

constexpr std::size_t kChunk = std::size_t{256} << 10U;
constexpr int kGzipWindowBits = 15 + 16;  // a 32 KiB window, with the gzip header and trailer
constexpr int kMemLevel = 8;
// zlib counts in uInt: larger writes go through in pieces.
constexpr std::size_t kMaxPiece = std::size_t{1} << 30U;

// zlib takes unsigned bytes; going through void* says so without a reinterpret_cast.
const Bytef* bytes_of(const char* data) { return static_cast<const Bytef*>(static_cast<const void*>(data)); }
Bytef* bytes_of(char* data) { return static_cast<Bytef*>(static_cast<void*>(data)); }

std::string zlib_message(const z_stream& zs, int rc) {
  return zs.msg != nullptr ? std::string{zs.msg} : fmt::format("zlib error {}", rc);
}

}  // namespace

// ---- writing ------------------------------------------------------------------------------------

struct GzipWriter::State {
  explicit State(LocalFile f) : file(std::move(f)) {}
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  State(State&&) = delete;
  State& operator=(State&&) = delete;
  ~State() {
    if (initialised) deflateEnd(&zs);
  }

  // Runs deflate until it has taken all input (or, with Z_FINISH, ended the stream), writing
  // what it produces to the file and the digest.
  Status pump(int flush) {
    for (;;) {
      zs.next_out = bytes_of(out.data());
      zs.avail_out = static_cast<uInt>(out.size());
      const int rc = deflate(&zs, flush);
      if (rc == Z_STREAM_ERROR) {
        return Error::make(ErrorCode::INTERNAL, fmt::format("gzip failed: {}", zlib_message(zs, rc)));
      }
      const std::string_view produced{out.data(), out.size() - zs.avail_out};
      if (auto written = file.write(produced); !written) return written;
      digest.update(produced);
      bytes += static_cast<std::int64_t>(produced.size());
      if (flush == Z_FINISH ? rc == Z_STREAM_END : zs.avail_out != 0) return {};
    }
  }

  LocalFile file;
  z_stream zs{};
  bool initialised = false;
  aws::Sha256Stream digest;
  std::int64_t bytes = 0;
  std::vector<char> out = std::vector<char>(kChunk);
};

GzipWriter::GzipWriter(std::unique_ptr<State> state) : state_(std::move(state)) {}
GzipWriter::GzipWriter(GzipWriter&&) noexcept = default;
GzipWriter& GzipWriter::operator=(GzipWriter&&) noexcept = default;
GzipWriter::~GzipWriter() = default;

Result<GzipWriter> GzipWriter::create(const std::filesystem::path& path) {
  auto file = LocalFile::open(path, LocalFile::Mode::create);
  if (!file) return std::move(file).error();
  auto state = std::make_unique<State>(std::move(file).value());
  const int rc = deflateInit2(&state->zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, kMemLevel,
                              Z_DEFAULT_STRATEGY);
  if (rc != Z_OK)
    return Error::make(ErrorCode::INTERNAL, fmt::format("gzip: {}", zlib_message(state->zs, rc)));
  state->initialised = true;
  return GzipWriter{std::move(state)};
}

Status GzipWriter::write(std::string_view text) {
  while (!text.empty()) {
    const auto piece = text.substr(0, kMaxPiece);
    state_->zs.next_in = bytes_of(piece.data());
    state_->zs.avail_in = static_cast<uInt>(piece.size());
    if (auto pumped = state_->pump(Z_NO_FLUSH); !pumped) return pumped;
    text.remove_prefix(piece.size());
  }
  return {};
}

Result<StreamDigest> GzipWriter::finish() {
  state_->zs.next_in = nullptr;
  state_->zs.avail_in = 0;
  if (auto pumped = state_->pump(Z_FINISH); !pumped) return std::move(pumped).error();
  if (auto closed = state_->file.sync_and_close(); !closed) return std::move(closed).error();
  return StreamDigest{state_->bytes, aws::hex(state_->digest.finish())};
}

std::int64_t GzipWriter::bytes_written() const noexcept { return state_->bytes; }

// ---- reading ------------------------------------------------------------------------------------

struct GzipLineReader::State {
  State(LocalFile f, std::size_t max_line) : file(std::move(f)), max_line_bytes(max_line) {}
  State(const State&) = delete;
  State& operator=(const State&) = delete;
  State(State&&) = delete;
  State& operator=(State&&) = delete;
  ~State() {
    if (initialised) inflateEnd(&zs);
  }

  Error damaged(std::string_view why) const {
    return Error::make(ErrorCode::BAD_REQUEST, fmt::format("{} is damaged: {}.", file.path().string(), why));
  }

  // Reads the next piece of the file into `in` (and the digest); false at its end.
  Result<bool> read_more() {
    auto got = file.read(in);
    if (!got) return std::move(got).error();
    digest.update({in.data(), *got});
    bytes += static_cast<std::int64_t>(*got);
    zs.next_in = bytes_of(in.data());
    zs.avail_in = static_cast<uInt>(*got);
    return *got != 0;
  }

  // Decompresses more of the file onto the end of `text`.
  Status inflate_more() {
    if (zs.avail_in == 0 && !file_ended) {
      auto more = read_more();
      if (!more) return std::move(more).error();
      file_ended = !*more;
    }
    const auto before = text.size();
    text.resize(before + kChunk);
    zs.next_out = bytes_of(text.data() + before);
    zs.avail_out = static_cast<uInt>(kChunk);
    const int rc = inflate(&zs, Z_NO_FLUSH);
    text.resize(before + kChunk - zs.avail_out);
    if (rc == Z_STREAM_END) return end_of_stream();
    if (rc != Z_OK && rc != Z_BUF_ERROR)
      return damaged(fmt::format("not a valid gzip stream ({})", zlib_message(zs, rc)));
    if (text.size() == before && zs.avail_in == 0 && file_ended) {
      return damaged("the gzip stream ends early (a truncated file?)");
    }
    return {};
  }

  // The stream is complete: nothing may follow it in the file.
  Status end_of_stream() {
    stream_ended = true;
    bool trailing = zs.avail_in != 0;
    while (!trailing) {
      auto more = read_more();
      if (!more) return std::move(more).error();
      if (!*more) break;
      trailing = true;
    }
    if (trailing) return damaged("there is data after the end of the gzip stream");
    return {};
  }

  LocalFile file;
  std::size_t max_line_bytes;
  z_stream zs{};
  bool initialised = false;
  bool file_ended = false;
  bool stream_ended = false;
  aws::Sha256Stream digest;
  std::int64_t bytes = 0;
  std::optional<std::string> sha256{};
  std::vector<char> in = std::vector<char>(kChunk);
  std::string text;            // decompressed, not yet returned
  std::size_t line_start = 0;  // where the next line starts in `text`
  std::size_t searched = 0;    // `text` before this holds no '\n' after line_start
};

GzipLineReader::GzipLineReader(std::unique_ptr<State> state) : state_(std::move(state)) {}
GzipLineReader::GzipLineReader(GzipLineReader&&) noexcept = default;
GzipLineReader& GzipLineReader::operator=(GzipLineReader&&) noexcept = default;
GzipLineReader::~GzipLineReader() = default;

Result<GzipLineReader> GzipLineReader::open(const std::filesystem::path& path, std::size_t max_line_bytes) {
  auto file = LocalFile::open(path, LocalFile::Mode::read);
  if (!file) return std::move(file).error();
  auto state = std::make_unique<State>(std::move(file).value(), max_line_bytes);
  const int rc = inflateInit2(&state->zs, kGzipWindowBits);
  if (rc != Z_OK)
    return Error::make(ErrorCode::INTERNAL, fmt::format("gzip: {}", zlib_message(state->zs, rc)));
  state->initialised = true;
  return GzipLineReader{std::move(state)};
}

Result<std::optional<std::string_view>> GzipLineReader::next_line() {
  auto& s = *state_;
  for (;;) {
    const auto newline = s.text.find('\n', std::max(s.searched, s.line_start));
    const auto length = (newline == std::string::npos ? s.text.size() : newline) - s.line_start;
    if (length > s.max_line_bytes) {
      return s.damaged(fmt::format("a line is longer than {} bytes", s.max_line_bytes));
    }
    if (newline != std::string::npos) {
      const std::string_view line{s.text.data() + s.line_start, length};
      s.line_start = newline + 1;
      return std::optional<std::string_view>{line};
    }
    if (s.stream_ended) {
      if (s.line_start != s.text.size()) return s.damaged("the last line is not complete");
      if (!s.sha256) s.sha256 = aws::hex(s.digest.finish());
      return std::optional<std::string_view>{};
    }
    s.text.erase(0, s.line_start);  // keep only the unfinished line
    s.line_start = 0;
    s.searched = s.text.size();
    if (auto more = s.inflate_more(); !more) return std::move(more).error();
  }
}

StreamDigest GzipLineReader::digest() const { return {state_->bytes, state_->sha256.value_or("")}; }

}  // namespace hub::data
