#include "pdf_filters.h"

#include <zlib.h>

#include <cstdlib>

#include "chancery/signing/error.h"

namespace chancery::signing::pdf {
namespace {
constexpr std::size_t kMaxDecoded = std::size_t{512} << 20;  // refuse zip bombs

std::string unpredict(std::string data, const Object* parms) {
  if (!parms || !parms->isDict()) return data;
  const Object* pred = parms->get("Predictor");
  std::int64_t predictor = pred ? pred->asInt() : 1;
  if (predictor < 10) {
    if (predictor == 1) return data;
    throw SigningError(ErrorCode::Unsupported, "TIFF predictor is not supported");
  }
  auto param = [parms](const char* key, std::int64_t dflt) {
    const Object* v = parms->get(key);
    return v && v->is(Type::Int) ? v->asInt() : dflt;
  };
  std::int64_t colors = param("Colors", 1), bpc = param("BitsPerComponent", 8),
               columns = param("Columns", 1);
  if (colors < 1 || colors > 32 || bpc < 1 || bpc > 16 || columns < 1 || columns > (1 << 24))
    throw SigningError(ErrorCode::Malformed, "bad predictor parameters");
  auto bpp = static_cast<std::size_t>((colors * bpc + 7) / 8);
  auto rowLen = static_cast<std::size_t>((colors * bpc * columns + 7) / 8);
  std::string out;
  out.reserve(data.size());
  std::string prev(rowLen, '\0');
  std::string row(rowLen, '\0');
  for (std::size_t p = 0; p + 1 + rowLen <= data.size(); p += rowLen + 1) {
    auto type = static_cast<unsigned char>(data[p]);
    for (std::size_t i = 0; i < rowLen; ++i) {
      unsigned x = static_cast<unsigned char>(data[p + 1 + i]);
      unsigned a = i >= bpp ? static_cast<unsigned char>(row[i - bpp]) : 0;
      unsigned b = static_cast<unsigned char>(prev[i]);
      unsigned c = i >= bpp ? static_cast<unsigned char>(prev[i - bpp]) : 0;
      switch (type) {
        case 0: break;
        case 1: x += a; break;
        case 2: x += b; break;
        case 3: x += (a + b) / 2; break;
        case 4: {
          int pa = std::abs(static_cast<int>(b) - static_cast<int>(c));
          int pb = std::abs(static_cast<int>(a) - static_cast<int>(c));
          int pc = std::abs(static_cast<int>(a + b) - 2 * static_cast<int>(c));
          x += (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
          break;
        }
        default: throw SigningError(ErrorCode::Malformed, "bad PNG predictor row type");
      }
      row[i] = static_cast<char>(x & 0xFF);
    }
    out += row;
    prev.swap(row);
  }
  return out;
}
}  // namespace

std::string inflate(std::string_view data, std::size_t limit) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) throw SigningError(ErrorCode::Crypto, "zlib init failed");
  std::string out;
  out.resize(std::max<std::size_t>(data.size() * 4, 4096));
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  int rc = Z_OK;
  while (true) {
    if (zs.total_out >= out.size()) {
      if (out.size() >= limit) break;
      out.resize(std::min(out.size() * 2, limit));
    }
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + zs.total_out);
    zs.avail_out = static_cast<uInt>(out.size() - zs.total_out);
    rc = ::inflate(&zs, Z_NO_FLUSH);
    if (rc == Z_STREAM_END) break;
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;  // truncated but usable, as readers allow
    if (rc != Z_OK && rc != Z_BUF_ERROR) {
      inflateEnd(&zs);
      throw SigningError(ErrorCode::Malformed, "corrupt FlateDecode stream");
    }
  }
  out.resize(zs.total_out);
  inflateEnd(&zs);
  return out;
}

std::string flateEncode(std::string_view data) {
  uLongf len = compressBound(static_cast<uLong>(data.size()));
  std::string out(len, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &len,
                reinterpret_cast<const Bytef*>(data.data()), static_cast<uLong>(data.size()),
                Z_BEST_COMPRESSION) != Z_OK)
    throw SigningError(ErrorCode::Crypto, "zlib compress failed");
  out.resize(len);
  return out;
}

std::string decodeStream(const Object& stream) {
  std::string data(stream.rawStream());
  const Object* filter = stream.get("Filter");
  const Object* parms = stream.get("DecodeParms");
  if (!filter) return data;
  std::vector<Object> filters =
      filter->is(Type::Array) ? filter->items() : std::vector<Object>{*filter};
  std::vector<Object> allParms;
  if (parms && parms->is(Type::Array)) allParms = parms->items();
  else if (parms) allParms.push_back(*parms);
  for (std::size_t i = 0; i < filters.size(); ++i) {
    const Object* p = i < allParms.size() ? &allParms[i] : nullptr;
    if (filters[i].isName("FlateDecode") || filters[i].isName("Fl")) {
      data = unpredict(inflate(data, kMaxDecoded), p);
    } else {
      throw SigningError(ErrorCode::Unsupported,
                         "stream filter /" + filters[i].text() + " is not supported here");
    }
  }
  return data;
}

}  // namespace chancery::signing::pdf
