// Declarations only (see RCTBridgeModule.h).
#pragma once
#import <UIKit/UIKit.h>
typedef void (^RCTDirectEventBlock)(NSDictionary *body);
typedef void (^RCTBubblingEventBlock)(NSDictionary *body);
@interface RCTView : UIView
@end
