// A JSON text written straight into one string, for the views sent to every seat after every
// command: building a DOM (nlohmann::json) of a team's view and dumping it cost most of a
// pump with 30 seats (bench/seats_bench). Commas are placed by the writer; strings are escaped
// and invalid UTF-8 is replaced by U+FFFD, as nlohmann's dump(..., error_handler_t::replace).
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace demarche::seats {

class JsonText {
 public:
  JsonText() { m_out.reserve(4096); }

  JsonText& object() { return open('{'); }
  JsonText& array() { return open('['); }
  JsonText& end() {
    m_out += m_closers.back();
    m_closers.pop_back();
    m_first = false;
    return *this;
  }
  // An object's key; the value follows.
  JsonText& key(std::string_view k) {
    comma();
    string(k);
    m_out += ':';
    m_afterKey = true;
    return *this;
  }
  JsonText& value(std::string_view s) {
    comma();
    string(s);
    return *this;
  }
  JsonText& value(const std::string& s) { return value(std::string_view(s)); }
  JsonText& value(const char* s) { return value(std::string_view(s)); }
  JsonText& value(bool b) {
    comma();
    m_out += b ? "true" : "false";
    return *this;
  }
  JsonText& value(int i) { return integer(static_cast<long long>(i)); }
  JsonText& value(long i) { return integer(static_cast<long long>(i)); }
  JsonText& value(long long i) { return integer(i); }
  JsonText& value(unsigned long long i) { return unsignedInteger(i); }
  JsonText& value(unsigned long i) { return unsignedInteger(static_cast<unsigned long long>(i)); }
  JsonText& value(double d) {
    comma();
    if (!std::isfinite(d)) {
      m_out += "null";
      return *this;
    }
    char buffer[32];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, d);
    const std::string_view text(buffer, static_cast<std::size_t>(r.ptr - buffer));
    m_out += text;
    if (text.find_first_of(".eE") == std::string_view::npos) m_out += ".0";  // a double stays one
    return *this;
  }
  JsonText& null() {
    comma();
    m_out += "null";
    return *this;
  }
  // Text that is already JSON (a draft the hub checked), as one value.
  JsonText& raw(std::string_view json) {
    comma();
    m_out += json;
    return *this;
  }
  JsonText& values(const std::vector<std::string>& list) {
    array();
    for (const std::string& s : list) value(s);
    return end();
  }
  template <class T>
  JsonText& field(std::string_view k, const T& v) {
    key(k);
    return value(v);
  }

  void reserve(std::size_t bytes) { m_out.reserve(bytes); }
  const std::string& text() const { return m_out; }
  std::string take() { return std::move(m_out); }

 private:
  JsonText& open(char bracket) {
    comma();
    m_out += bracket;
    m_closers.push_back(bracket == '{' ? '}' : ']');
    m_first = true;
    return *this;
  }
  void comma() {
    if (m_afterKey) {
      m_afterKey = false;
      return;
    }
    if (!m_first && !m_closers.empty()) m_out += ',';
    m_first = false;
  }
  JsonText& integer(long long i) {
    comma();
    char buffer[24];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, i);
    m_out.append(buffer, r.ptr);
    return *this;
  }
  JsonText& unsignedInteger(unsigned long long i) {
    comma();
    char buffer[24];
    const auto r = std::to_chars(buffer, buffer + sizeof buffer, i);
    m_out.append(buffer, r.ptr);
    return *this;
  }
  // The length of the valid UTF-8 sequence at s[k] (0 when it is not one).
  static std::size_t utf8Length(std::string_view s, std::size_t k) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char c = byte(k);
    std::size_t n = 0;
    std::uint32_t min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      n = 2;
      min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
      n = 3;
      min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
      n = 4;
      min = 0x10000;
    } else {
      return 0;
    }
    if (k + n > s.size()) return 0;
    std::uint32_t cp = c & (n == 2 ? 0x1Fu : n == 3 ? 0x0Fu : 0x07u);
    for (std::size_t i = 1; i < n; ++i) {
      if ((byte(k + i) & 0xC0) != 0x80) return 0;
      cp = (cp << 6) | (byte(k + i) & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return n;
  }
  void string(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    m_out += '"';
    for (std::size_t k = 0; k < s.size();) {
      // A run of characters that need no escaping goes in at once.
      std::size_t run = k;
      while (run < s.size()) {
        const auto b = static_cast<unsigned char>(s[run]);
        if (b < 0x20 || b >= 0x80 || b == '"' || b == '\\') break;
        ++run;
      }
      if (run > k) {
        m_out.append(s.data() + k, run - k);
        k = run;
        if (k == s.size()) break;
      }
      const auto c = static_cast<unsigned char>(s[k]);
      if (c >= 0x80) {
        const std::size_t n = utf8Length(s, k);
        if (n == 0) {
          m_out += "\xEF\xBF\xBD";  // U+FFFD
          ++k;
        } else {
          m_out.append(s.data() + k, n);
          k += n;
        }
        continue;
      }
      switch (c) {
        case '"':
          m_out += "\\\"";
          break;
        case '\\':
          m_out += "\\\\";
          break;
        case '\n':
          m_out += "\\n";
          break;
        case '\r':
          m_out += "\\r";
          break;
        case '\t':
          m_out += "\\t";
          break;
        case '\b':
          m_out += "\\b";
          break;
        case '\f':
          m_out += "\\f";
          break;
        default:
          if (c < 0x20) {
            m_out += "\\u00";
            m_out += kHex[c >> 4];
            m_out += kHex[c & 0xF];
          } else {
            m_out += static_cast<char>(c);
          }
      }
      ++k;
    }
    m_out += '"';
  }

  std::string m_out;
  std::vector<char> m_closers;
  bool m_first = true;
  bool m_afterKey = false;
};

}  // namespace demarche::seats
