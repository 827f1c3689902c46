# Compiler warnings for our own targets (never for third-party code).
function(rbxpipe_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Woverloaded-virtual -Wimplicit-fallthrough -Wformat=2)
  # -Wnull-dereference is left out: at -O2 GCC 12 reports false positives inside libstdc++ and CLI11 inlines.
  if(RBXPIPE_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
