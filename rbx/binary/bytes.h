#pragma once
// The binary format reads and writes chunk bodies through the shared bounds-checked reader and writer of rbx/types.

#include "rbx/types/byte_reader.h"
#include "rbx/types/byte_writer.h"

namespace rbxpipe::rbx::binary {

using types::ByteReader;
using types::ByteWriter;

}  // namespace rbxpipe::rbx::binary
