#pragma once
// Value columns of PROP chunks: decoding the bytes of one type id into values and encoding values back.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "rbx/binary/bytes.h"
#include "rbx/binary/type_ids.h"
#include "rbx/types/variant.h"

namespace rbxpipe::rbx::binary {

/// What a decoded Ref (or Content object) holds before the reader knows Dom ids: the file referent plus one, so
/// that 0 stays "null" (negative referents decode as null).
types::InstanceId referent_slot(std::int32_t referent);

/// Decodes `count` values of `type` from `reader` (positioned at the value array). SharedString indexes are
/// resolved against `shared_strings`; Ref and Content objects hold referent slots (see referent_slot).
/// invalid_input for truncated or malformed data, with the offset within the chunk data.
base::Result<std::vector<types::Variant>> decode_values(TypeId type, ByteReader& reader, std::size_t count,
                                                        std::span<const std::string> shared_strings);

/// What encoding needs beyond the values.
struct EncodeContext {
  /// The referent of an instance, or -1 when it is not written.
  std::function<std::int32_t(types::InstanceId)> referent_of;
  /// The SSTR index of shared string bytes (every shared string is registered before encoding).
  std::function<std::uint32_t(const std::string&)> shared_string_index;
};

/// Encodes `values` (each of a value type written as `type`, see type_id_for) as one PROP value array.
/// internal error for a value of another type; invalid_input for an attribute value that cannot be encoded.
base::Result<void> encode_values(TypeId type, std::span<const types::Variant> values, const EncodeContext& context,
                                 ByteWriter& writer);

/// The bytes a string-like value is stored as (String, BinaryString, ProtectedString, ContentId, Tags,
/// Attributes, MaterialColors).
base::Result<std::string> string_bytes(const types::Variant& value);

}  // namespace rbxpipe::rbx::binary
