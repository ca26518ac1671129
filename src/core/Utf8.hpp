// Checks that bytes are UTF-8 text: shared by every reader of text files (scenarios, decisions
// files, saves), so they all accept and refuse the same bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace demarche {

enum class TextProblem : std::uint8_t {
  None,
  NulByte,          // a NUL: almost certainly a binary file
  ControlByte,      // another control byte (tab, CR and LF are text)
  InvalidByte,      // a byte that cannot start a UTF-8 sequence
  Truncated,        // the text ends inside a sequence
  InvalidSequence,  // a bad continuation byte, an overlong form, a surrogate or a code point past U+10FFFF
};

struct TextCheck {
  TextProblem problem = TextProblem::None;
  std::size_t offset = std::string_view::npos;  // byte offset of the first problem
  unsigned char byte = 0;                       // the byte at `offset`
};

// The first place where `text` is not UTF-8 text; problem None when it all is.
TextCheck checkUtf8Text(std::string_view text);

}  // namespace demarche
