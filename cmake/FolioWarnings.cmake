# One place for warnings and sanitizers, applied to every Folio target.
function(folio_add_compile_options target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes
    -Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral)
  if(FOLIO_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(FOLIO_SANITIZE)
    target_compile_options(${target} PRIVATE
      -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()
