#include "chancery/signing/signer.h"
