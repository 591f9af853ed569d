// What the fuzz target and the corpus replay test both run: hostile bytes
// through the frame decoder, then every decoded message through the same
// checks the server applies (the engine's decide and fold for commands, the
// pairing responder and initiator for pairing messages).
#pragma once

#include <cstddef>
#include <cstdint>

namespace attune::fuzz {

// Never throws or crashes on any input; aborts only if an invariant breaks.
void feed(const std::uint8_t* data, std::size_t size);

}  // namespace attune::fuzz
