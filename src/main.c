#include "config.h"

#include <stdio.h>

int
main(void)
{
	puts("redline " PACKAGE_VERSION);
	return 0;
}
