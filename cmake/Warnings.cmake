# Project-wide warning and sanitizer flags, applied per target with chancery_target_defaults().
add_library(chancery_warnings INTERFACE)
target_compile_options(chancery_warnings INTERFACE
  -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion
  $<$<BOOL:${CHANCERY_WERROR}>:-Werror>)

if(CHANCERY_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# Third-party headers are included as SYSTEM so their warnings never fail our build.
function(chancery_target_defaults target)
  target_link_libraries(${target} PRIVATE chancery_warnings)
endfunction()
