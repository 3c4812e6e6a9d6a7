# Shared compile options for every Rediscope target: link rediscope_options to inherit them.
add_library(rediscope_options INTERFACE)
target_compile_features(rediscope_options INTERFACE cxx_std_23)
target_compile_options(rediscope_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Wunused -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
    $<$<BOOL:${REDISCOPE_WERROR}>:-Werror>)
target_compile_definitions(rediscope_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_KEYWORDS
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    OPENSSL_API_COMPAT=30000
    OPENSSL_NO_DEPRECATED)
option(REDISCOPE_WERROR "Treat warnings as errors" OFF)
set(CMAKE_CXX_EXTENSIONS OFF)

# Sanitizers, selected by the presets.
set(REDISCOPE_SANITIZE "" CACHE STRING "Sanitizers to enable: address;undefined or thread")
if(REDISCOPE_SANITIZE)
    list(JOIN REDISCOPE_SANITIZE "," _san)
    target_compile_options(rediscope_options INTERFACE -fsanitize=${_san} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(rediscope_options INTERFACE -fsanitize=${_san})
endif()
