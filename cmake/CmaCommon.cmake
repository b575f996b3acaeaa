# One INTERFACE target carries the language standard, warnings and Qt hygiene macros.
# Every target links it; nothing sets flags globally.
add_library(cma_common INTERFACE)
target_compile_features(cma_common INTERFACE cxx_std_20)
target_compile_options(cma_common INTERFACE -Wall -Wextra -Wpedantic)
if(CMA_WERROR)
    target_compile_options(cma_common INTERFACE -Werror)
endif()
target_compile_definitions(cma_common INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_USE_QSTRINGBUILDER
    QT_STRICT_ITERATORS
    QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    CMA_VERSION="${PROJECT_VERSION}")
if(CMA_SANITIZE)
    target_compile_options(cma_common INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
    target_link_options(cma_common INTERFACE -fsanitize=address,undefined)
endif()
