/*
** testutil.h: what every cmocka test file includes.
*/
#ifndef ROSTER_TESTUTIL_H
#define ROSTER_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#endif
