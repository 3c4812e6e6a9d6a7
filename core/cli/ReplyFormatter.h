#pragma once

#include "net/RespValue.h"

namespace rediscope {

// Renders a reply the way redis-cli does on a terminal: bulk strings quoted with escapes,
// "(integer) 1", "(nil)", "(error) ERR …", "(empty array)", and arrays numbered "1) …" with nested
// arrays indented under their number.
class ReplyFormatter
{
public:
    // With maxLines > 0, stops after that many lines and ends with a line saying how many
    // elements were left out.
    static QString format(const RespValue& value, int maxLines = 0);
};

} // namespace rediscope
