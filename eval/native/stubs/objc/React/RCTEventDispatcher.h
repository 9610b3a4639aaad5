// Declarations only (see RCTBridgeModule.h).
#pragma once
#import <Foundation/Foundation.h>
@interface RCTEventDispatcher : NSObject
- (void)sendAppEventWithName:(NSString *)name body:(id)body;
- (void)sendDeviceEventWithName:(NSString *)name body:(id)body;
@end
