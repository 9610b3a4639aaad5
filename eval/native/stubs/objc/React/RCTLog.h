#pragma once
#import <React/RCTBridgeModule.h>
