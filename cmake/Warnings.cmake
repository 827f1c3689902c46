# Compiler warnings for our own targets (never for third-party code).
function(rbxpipe_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2)
  # -Wnull-dereference is left out: at -O2 GCC 12 reports false positives inside libstdc++ and CLI11 inlines.
  # -Wrestrict likewise misfires on std::string concatenation at -O3 with GCC 12 (GCC bug 105329).
  target_compile_options(${target} PRIVATE $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
  if(RBXPIPE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
