#pragma once
// Alpha bleeding: gives fully transparent pixels the colour of their nearest visible neighbours.

#include "assets/image.h"

namespace rbxpipe::assets {

/// Fills the colour of every pixel with alpha 0 from its nearest non-transparent pixels by iterative dilation
/// (each ring takes the rounded mean of its already-coloured 8-neighbours), so filtering on Roblox shows no dark
/// halo. Alpha stays 0; the result depends on the pixels alone. An image with no visible pixel is left as is.
void bleed_alpha(Image& image);

}  // namespace rbxpipe::assets
