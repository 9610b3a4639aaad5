// Declarations only (see RCTBridgeModule.h).
#pragma once
#import <UIKit/UIKit.h>
@class RCTBridge;
typedef void (^RCTViewManagerUIBlock)(id uiManager, NSDictionary<NSNumber *, UIView *> *viewRegistry);
@interface RCTUIManager : NSObject
- (UIView *)viewForReactTag:(NSNumber *)reactTag;
- (void)addUIBlock:(RCTViewManagerUIBlock)block;
@end
